import { defineRule } from '../../core/rule';
import type { DockerfileModel } from '../../languages/dockerfile';
import { expandedArgs, flagIn, runsOf } from '../../languages/dockerfile/runs';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/wget-progress',
  language: 'dockerfile',
  severity: 'hint',
  recommended: false,
  instructionLocal: true,
  aliases: ['hadolint:DL3047'],
  fix: null,
  messages: {
    progress:
      '`wget` without `-q`, `-nv` or `--progress=dot:giga` prints a progress line for every few kilobytes into the build log.',
  },
  docs: {
    summary: 'wget in RUN should be quiet (`-q`, `-nv`) or use `--progress=dot:giga`.',
    rationale:
      'Without a terminal, GNU wget falls back to its dot progress display, which writes a line per 50 KB: tens ' +
      'of thousands of lines for a large download, which bury the build’s real output and slow CI log viewers. ' +
      'The rule stays quiet with `-q`/`--quiet`, `-nv`/`--no-verbose`, `--progress=…`, or an output log ' +
      '(`-o`, `-a`). There is no fix, because BusyBox wget (Alpine) knows `-q` but not `-nv` or `--progress`, ' +
      'and which one runs is not always known. The severity is a hint.',
    bad: 'FROM debian:12-slim\nRUN wget https://example.com/big.tar.gz\n',
    good: 'FROM debian:12-slim\nRUN wget -q https://example.com/big.tar.gz\n',
  },
  check(ctx) {
    const { model } = ctx;
    for (const stage of model.stages)
      for (const run of runsOf(model, stage))
        for (const cmd of run.script.commands) {
          if (cmd.name !== 'wget') continue;
          const args = expandedArgs(model, run.ins, cmd.words.slice(cmd.nameIndex + 1));
          if (!args) continue;
          if (
            // `-qO-`: grouped short flags may end in a value.
            args.some((w) => w.value === '-nv' || /^-[A-Za-z]*[qoa]/.test(w.value)) ||
            flagIn(
              args,
              '-q',
              '--quiet',
              '--no-verbose',
              '--progress',
              '-o',
              '--output-file',
              '-a',
              '--append-output',
            )
          )
            continue;
          const word = cmd.words[cmd.nameIndex];
          if (word) ctx.report({ at: word.range, messageId: 'progress' });
        }
  },
});
