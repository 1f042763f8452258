import { defineRule } from '../../core/rule';
import type { DockerfileModel } from '../../languages/dockerfile';
import { bashismsIn, lacks, type Bashism } from '../../languages/dockerfile/bashisms';
import { runsOf } from '../../languages/dockerfile/runs';
import { shellAt } from '../../languages/dockerfile/stage-shell';
import { replace } from '../../fixes/text';

const WHAT: Record<Bashism, string> = {
  'double-bracket': '`[[ … ]]` is a bash test: {shell} runs a command named `[[`, which does not exist',
  source: '`source` is bash’s name for `.`, and {shell} has no `source`',
  'double-equals': '`==` in `[ … ]` is a bash extension: {shell}’s test fails with "unexpected operator"',
  array: 'arrays are bash syntax: {shell} stops with a syntax error at `(`',
  'here-string': '`<<<` is a bash here-string, which {shell} cannot read',
  brace: 'brace expansion is bash’s: {shell} keeps the braces, so the command gets the literal `{a,b}`',
  function: 'the `function` keyword is bash’s: {shell} stops with a syntax error',
};

const SHELL_NAME = { dash: 'dash (this image’s /bin/sh)', ash: 'BusyBox ash (this image’s /bin/sh)' };

export default defineRule<DockerfileModel>({
  id: 'dockerfile/bashism-in-sh',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  instructionLocal: true,
  aliases: [],
  fix: 'safe',
  messages: {
    bashism: 'This RUN runs under /bin/sh, and {what}. Use POSIX syntax, or set SHELL ["/bin/bash", "-c"].',
  },
  docs: {
    summary:
      'Bash-only syntax in a RUN that /bin/sh runs (`[[`, `source`, `==` in `[`, arrays, `<<<`, `{a,b}`, `function`).',
    rationale:
      'Shell-form RUN runs `/bin/sh -c`. On Debian and Ubuntu, and the official images built on them, /bin/sh is ' +
      'dash, which has none of these; on Alpine it is BusyBox ash, which has most but not arrays or brace ' +
      'expansion. Some of these stop the build, others misbehave silently: `if [[ -f x ]]` takes the else branch, ' +
      '`mkdir -p /opt/{bin,lib}` makes one directory named `{bin,lib}`. The rule only speaks when it knows the ' +
      'shell: no SHELL instruction (or `SHELL ["/bin/sh", …]`) and a base image whose family is known; images ' +
      'where /bin/sh is bash (CentOS, Fedora, RHEL UBI, openSUSE) and RUNs under another SHELL are left alone, ' +
      'as are heredocs with a `#!` line and `bash -c` bodies. The fix writes `source` as `.` and `==` as ' +
      '`=`, which mean the same in every shell.',
    bad: 'FROM debian:12-slim\nRUN mkdir -p /opt/app/{bin,lib}\n',
    good: 'FROM debian:12-slim\nRUN mkdir -p /opt/app/bin /opt/app/lib\n',
  },
  check(ctx) {
    const { model, doc } = ctx;
    for (const stage of model.stages)
      for (const run of runsOf(model, stage)) {
        const shell = shellAt(model, run.ins).kind;
        if (shell !== 'dash' && shell !== 'ash') continue;
        if (
          run.heredoc &&
          (run.heredoc.content.startsWith('#!') || /\bbash\b/.test(doc.lineText(run.ins.range.start.line)))
        )
          continue;
        for (const b of bashismsIn(doc, run)) {
          if (!lacks(shell, b.kind)) continue;
          const what = WHAT[b.kind].replace('{shell}', SHELL_NAME[shell]);
          const r = b.replacement;
          ctx.report({
            at: doc.rangeOf(b.start, b.end),
            messageId: 'bashism',
            data: { what },
            fix: r ? () => ({ title: `Write ${r.text}`, edits: [replace(r.word.range, r.text)] }) : undefined,
          });
        }
      }
  },
});
