import { defineRule, type FixSpec } from '../../core/rule';
import type { DockerfileModel, ShellCommand } from '../../languages/dockerfile';
import { runsOf, type Run } from '../../languages/dockerfile/runs';
import { argsOf } from '../../languages/dockerfile/shell';
import { shellAt, supportsPipefail } from '../../languages/dockerfile/stage-shell';
import { prefixCommand } from '../../fixes/packages';
import { insertLinesBefore } from '../../fixes/text';

/** `set -o pipefail`, also grouped (`set -euo pipefail`). */
function setsPipefail(cmd: ShellCommand): boolean {
  if (cmd.name !== 'set') return false;
  const args = argsOf(cmd);
  return args.some((w, i) => w.value === 'pipefail' && /^-[a-z]*o$/.test(args[i - 1]?.value ?? ''));
}

function shellHasPipefail(words: readonly string[]): boolean {
  return words.some((w, i) => w === 'pipefail' && /^-[a-z]*o$/.test(words[i - 1] ?? ''));
}

const BASH_SHELL = 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/pipe-without-pipefail',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  instructionLocal: true,
  aliases: ['hadolint:DL4006'],
  fix: 'safe',
  messages: {
    pipe: 'Only the last command of this pipe decides whether the RUN fails: `{first}` can fail and the build goes on. Turn on `pipefail` first.',
  },
  docs: {
    summary: 'A RUN with a pipe should run with `set -o pipefail`.',
    rationale:
      'A pipeline’s status is its last command’s, so `curl -fsSL $URL | tar -xz` builds an image without the ' +
      'download when curl fails. With `pipefail` the RUN fails. The fix fits the stage’s shell: where it knows ' +
      '`pipefail` (bash, zsh, ksh, or BusyBox ash, the `/bin/sh` of Alpine) it prefixes the RUN with ' +
      '`set -o pipefail &&`; on Debian and Ubuntu, whose `/bin/sh` is dash (which only learnt `pipefail` in ' +
      '0.5.13, after Debian 12 and Ubuntu 24.04) but which ship bash, it offers `SHELL ["/bin/bash", "-o", ' +
      '"pipefail", "-c"]` before the RUN, a change to every later RUN of the stage that is therefore not applied ' +
      'by fix-all. Other images get no fix, since bash may not be there. RUNs whose SHELL sets `-o pipefail`, ' +
      'that run `set -o pipefail` before the pipe, or that run under a shell that is not a POSIX one (PowerShell, ' +
      'cmd) are not reported; exec-form RUNs have no pipes.',
    bad: 'FROM alpine:3.20\nRUN wget -qO- https://example.com/app.tar.gz | tar -xz -C /opt\n',
    good: 'FROM alpine:3.20\nRUN set -o pipefail && wget -qO- https://example.com/app.tar.gz | tar -xz -C /opt\n',
  },
  check(ctx) {
    const { model, doc } = ctx;
    for (const stage of model.stages) {
      let firstBashInsert: Run | null = null;
      for (const run of runsOf(model, stage)) {
        const cmds = run.script.commands;
        const pipeAt = cmds.findIndex((c) => c.separatorBefore === '|');
        if (pipeAt < 1) continue;
        const shell = shellAt(model, run.ins);
        if (shell.kind === 'other' || shellHasPipefail(shell.words)) continue;
        if (cmds.slice(0, pipeAt).some(setsPipefail)) continue;
        // A heredoc with a #! line is run by that interpreter, which this rule cannot judge.
        if (run.heredoc?.content.startsWith('#!')) continue;
        let start = pipeAt - 1;
        while (start > 0 && cmds[start]?.separatorBefore === '|') start--;
        let end = pipeAt;
        while (cmds[end + 1]?.separatorBefore === '|') end++;
        const first = cmds[start] as ShellCommand;
        const last = cmds[end] as ShellCommand;
        let fix: (() => FixSpec | undefined) | undefined;
        if (supportsPipefail(shell.kind))
          fix = () => {
            const edit = prefixCommand(doc, run, 0, 'set -o pipefail');
            return edit && { title: 'Prefix the RUN with set -o pipefail', edits: [edit] };
          };
        else if (shell.kind === 'dash' && !shell.shellIns) {
          // One SHELL line serves every RUN after it: all findings of the stage offer the same edit.
          const at = (firstBashInsert ??= run).ins;
          fix = () => ({
            title: 'Run with bash -o pipefail (SHELL; changes the shell of the RUNs after it)',
            kind: 'unsafe',
            edits: [insertLinesBefore(doc, at.range.start.line, [BASH_SHELL])],
          });
        }
        ctx.report({
          at: doc.rangeOf(first.start, last.end),
          messageId: 'pipe',
          data: { first: first.words[first.nameIndex]?.value ?? first.name },
          fix,
        });
      }
    }
  },
});
