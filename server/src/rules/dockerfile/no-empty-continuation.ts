import { defineRule } from '../../core/rule';
import { deleteLines } from '../../fixes/text';
import type { DockerfileModel } from '../../languages/dockerfile';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/no-empty-continuation',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: ['buildkit:NoEmptyContinuation'],
  fix: 'safe',
  messages: {
    empty:
      'Empty continuation line: BuildKit skips it today, but empty continuation lines will become errors in a future release.',
  },
  docs: {
    summary: 'Do not leave blank lines inside an instruction continued with `\\`.',
    rationale:
      'A blank line after a line ending in the escape character does not end the instruction: the builder ' +
      'skips it and keeps reading, so the next line still belongs to the instruction, which is easy to misread ' +
      '(and easy to break by removing the line above). BuildKit warns (`NoEmptyContinuation`) that such lines ' +
      'will become errors. Comment lines inside a continuation are fine, and heredoc bodies are not ' +
      'continuations. The fix removes the blank lines, which changes nothing for the builder.',
    bad: 'FROM debian:12\nRUN apt-get update \\\n\n    && apt-get install -y --no-install-recommends curl\n',
    good: 'FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl\n',
  },
  check(ctx) {
    const { doc } = ctx;
    for (const ins of ctx.model.instructions) {
      if (ins.heredocs.length > 0) continue;
      for (let line = ins.range.start.line + 1; line < ins.range.end.line; line++) {
        if (doc.lineText(line).trim() !== '') continue;
        ctx.report({
          at: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } },
          messageId: 'empty',
          fix: () => ({ title: 'Remove the empty line', edits: [deleteLines(doc, line, line)] }),
        });
      }
    }
  },
});
