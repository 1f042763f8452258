import { defineRule } from '../../core/rule';
import { replace } from '../../fixes/text';
import type { DockerfileModel } from '../../languages/dockerfile';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/from-as-casing',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: ['buildkit:FromAsCasing'],
  fix: 'safe',
  messages: {
    casing: "'{as}' and '{from}' keywords' casing do not match: write '{fixed}'.",
  },
  docs: {
    summary: 'Write `AS` in the same case as `FROM`.',
    rationale:
      'Keywords are case-insensitive, but a file reads best in one case, and BuildKit warns (`FromAsCasing`) ' +
      'when `AS` does not match the case of its `FROM`. A `FROM` in mixed case is left to ' +
      '`dockerfile/consistent-instruction-casing`. The fix re-cases `AS`.',
    bad: 'FROM golang:1.22 as build\nRUN go build -o /app .\n',
    good: 'FROM golang:1.22 AS build\nRUN go build -o /app .\n',
  },
  check(ctx) {
    const { doc } = ctx;
    for (const stage of ctx.model.stages) {
      const asWord = stage.from.args[1];
      if (!stage.nameRange || !asWord || asWord.value.toLowerCase() !== 'as') continue;
      const from = doc.getText(stage.from.keywordRange);
      const lower = from === from.toLowerCase();
      if (!lower && from !== from.toUpperCase()) continue;
      const fixed = lower ? 'as' : 'AS';
      if (asWord.value === fixed) continue;
      ctx.report({
        at: asWord.range,
        messageId: 'casing',
        data: { as: asWord.value, from, fixed },
        fix: () => ({ title: `Write '${fixed}'`, edits: [replace(asWord.range, fixed)] }),
      });
    }
  },
});
