import { defineRule } from '../../core/rule';
import type { DockerfileModel, Stage } from '../../languages/dockerfile';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/duplicate-stage-name',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: ['buildkit:DuplicateStageName', 'hadolint:DL3024', 'trivy:DS012', 'checkov:CKV_DOCKER_11'],
  fix: null,
  messages: {
    duplicate:
      "The stage name '{name}' is already used on line {line}, so FROM and --from cannot tell the two stages apart (BuildKit takes the last one): give each stage a unique name.",
  },
  docs: {
    summary: 'Every `FROM … AS name` must use a different name.',
    rationale:
      'Stage names are how `FROM`, `COPY --from`, `RUN --mount=from=` and `docker build --target` refer to a stage. ' +
      'With two stages of the same name the reference is ambiguous: BuildKit builds the file, warns ' +
      '(its `DuplicateStageName` check) and silently resolves the name to the last stage so named, which is rarely ' +
      'what the earlier references meant. Names compare ' +
      'case-insensitively (the builder lower-cases them), so `AS Build` and `AS build` clash too. Every repeat is ' +
      'reported on its name. No fix is offered, because references to the stage have to be renamed by hand.',
    bad: 'FROM golang:1.22 AS build\nRUN go build -o /out/api ./cmd/api\n\nFROM node:20 AS build\nRUN npm ci && npm run build\n',
    good: 'FROM golang:1.22 AS build-api\nRUN go build -o /out/api ./cmd/api\n\nFROM node:20 AS build-web\nRUN npm ci && npm run build\n',
  },
  check(ctx) {
    const seen = new Map<string, Stage>();
    for (const stage of ctx.model.stages) {
      if (!stage.name || !stage.nameRange) continue;
      const first = seen.get(stage.name);
      if (!first) {
        seen.set(stage.name, stage);
        continue;
      }
      ctx.report({
        at: stage.nameRange,
        messageId: 'duplicate',
        data: { name: ctx.doc.getText(stage.nameRange), line: first.from.range.start.line + 1 },
      });
    }
  },
});
