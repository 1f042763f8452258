import { defineRule } from '../../core/rule';
import type { DockerfileModel } from '../../languages/dockerfile';
import { runsOf } from '../../languages/dockerfile/runs';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/shell-unterminated-quote',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  instructionLocal: true,
  aliases: [],
  fix: null,
  messages: {
    open: 'A quote or backtick opened in this RUN is never closed: the shell stops with "Unterminated quoted string" and the build fails.',
  },
  docs: {
    summary: 'Every quote and backtick opened in a RUN must be closed.',
    rationale:
      "The builder joins continuation lines and hands the text to `/bin/sh -c`, which rejects an unclosed `'`, " +
      '`"` or backtick, so the build fails at this step after every step before it has run. The usual cause is a ' +
      "quote lost while editing a long continued RUN, or an apostrophe in text (`echo don't`). Comment lines " +
      'inside a continued RUN are removed by the builder before the shell sees them, so quotes in them do not ' +
      'count. The severity is a warning rather than an error because the script is read by Shipshape’s own ' +
      'shell reader, not by the shell itself.',
    bad: 'FROM alpine:3.20\nRUN echo "ready > /tmp/state\n',
    good: 'FROM alpine:3.20\nRUN echo "ready" > /tmp/state\n',
  },
  check(ctx) {
    const { model, doc } = ctx;
    for (const stage of model.stages)
      for (const run of runsOf(model, stage)) {
        if (!run.script.unterminated) continue;
        const last = run.script.commands[run.script.commands.length - 1];
        const start = last ? last.start : run.script.start;
        ctx.report({ at: doc.rangeOf(start, run.script.end), messageId: 'open' });
      }
  },
});
