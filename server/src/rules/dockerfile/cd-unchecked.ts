import { defineRule } from '../../core/rule';
import type { DockerfileModel, ShellCommand } from '../../languages/dockerfile';
import { runsOf } from '../../languages/dockerfile/runs';
import { argsOf } from '../../languages/dockerfile/shell';
import { insertAt, replace } from '../../fixes/text';

/** `set -e`, `set -eux`, `set -o errexit`: later failures stop the script anyway. */
function setsErrexit(cmd: ShellCommand): boolean {
  if (cmd.name !== 'set') return false;
  const args = argsOf(cmd);
  return args.some(
    (w, i) => /^-[a-z]*e/.test(w.value) || (w.value === 'errexit' && args[i - 1]?.value === '-o'),
  );
}

export default defineRule<DockerfileModel>({
  id: 'dockerfile/cd-unchecked',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  instructionLocal: true,
  aliases: [],
  fix: 'safe',
  messages: {
    unchecked:
      'If `cd {dir}` fails, the commands after it still run, in the wrong directory: join them with `&&` (or add `|| exit`).',
  },
  docs: {
    summary: 'A `cd` followed by more commands should stop the RUN when it fails (`cd dir && …`).',
    rationale:
      'After `cd build; make install`, a missing directory makes `make install` run wherever the shell was, ' +
      'which can install the wrong thing or delete the wrong files (`cd /tmp/x; rm -rf *`). Joined with `&&`, or ' +
      'with `|| exit`, the RUN fails instead. Each line of a heredoc is such a command too. The rule stays quiet ' +
      'after `set -e` in the same script, for a `cd` that is an `if` or `while` condition, and for a `cd` that is ' +
      'the last command. The fix turns the `;` after the `cd` into `&&`, or appends `|| exit` on a heredoc line.',
    bad: 'FROM debian:12-slim\nRUN cd /usr/src/app; make install\n',
    good: 'FROM debian:12-slim\nRUN cd /usr/src/app && make install\n',
  },
  check(ctx) {
    const { model, doc } = ctx;
    const text = doc.text;
    for (const stage of model.stages)
      for (const run of runsOf(model, stage)) {
        const cmds = run.script.commands;
        for (let i = 0; i < cmds.length; i++) {
          const cmd = cmds[i] as ShellCommand;
          if (setsErrexit(cmd)) break;
          const next = cmds[i + 1];
          if (cmd.name !== 'cd' || cmd.nameIndex !== 0 || !next) continue;
          if (cmd.separatorAfter !== ';' && cmd.separatorAfter !== '\n') continue;
          const nextWord = next.words[0]?.value;
          if (nextWord === 'then' || nextWord === 'do' || nextWord === 'fi' || nextWord === 'done') continue;
          const semi = cmd.separatorAfter === ';' ? text.indexOf(';', cmd.end) : -1;
          const dir = argsOf(cmd).find((w) => !w.value.startsWith('-'))?.value ?? '~';
          ctx.report({
            at: cmd.range,
            messageId: 'unchecked',
            data: { dir },
            fix: () =>
              semi >= 0 && semi < next.start
                ? { title: 'Join with &&', edits: [replace(doc.rangeOf(cmd.end, semi + 1), ' &&')] }
                : cmd.separatorAfter === '\n'
                  ? { title: 'Add || exit', edits: [insertAt(doc.positionAt(cmd.end), ' || exit')] }
                  : undefined,
          });
        }
      }
  },
});
