import { defineRule } from '../../core/rule';
import { replace } from '../../fixes/text';
import type { DockerfileModel } from '../../languages/dockerfile';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/stage-name-casing',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: ['buildkit:StageNameCasing'],
  fix: 'safe',
  messages: {
    casing: "Stage name '{name}' should be lowercase: BuildKit lower-cases stage names anyway.",
  },
  docs: {
    summary: 'Write stage names (`FROM … AS name`) in lower case.',
    rationale:
      'BuildKit lower-cases stage names when it reads them, so `AS Builder` is the stage `builder` and every ' +
      'reference to it (`FROM`, `COPY --from`, `--target`) matches it in any case. Writing the name as it is ' +
      'used avoids the impression that case matters, and BuildKit warns about it (`StageNameCasing`). The fix ' +
      'lower-cases the name; references keep working because they are compared case-insensitively.',
    bad: 'FROM golang:1.22 AS Builder\nRUN go build -o /app .\n\nFROM scratch\nCOPY --from=Builder /app /app\n',
    good: 'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM scratch\nCOPY --from=builder /app /app\n',
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      if (!stage.nameRange) continue;
      const name = ctx.doc.getText(stage.nameRange);
      if (name === name.toLowerCase()) continue;
      const at = stage.nameRange;
      ctx.report({
        at,
        messageId: 'casing',
        data: { name },
        fix: () => ({
          title: `Rename the stage to '${name.toLowerCase()}'`,
          edits: [replace(at, name.toLowerCase())],
        }),
      });
    }
  },
});
