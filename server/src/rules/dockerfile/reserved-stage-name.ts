import { defineRule } from '../../core/rule';
import type { DockerfileModel } from '../../languages/dockerfile';

const RESERVED = new Set(['context', 'scratch']);

export default defineRule<DockerfileModel>({
  id: 'dockerfile/reserved-stage-name',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: ['buildkit:ReservedStageName', 'hadolint:DL3063'],
  fix: null,
  messages: {
    reserved: "'{name}' is a reserved word and should not be used as a stage name.",
  },
  docs: {
    summary: 'Do not name a stage `scratch` or `context`.',
    rationale:
      '`scratch` is the empty image and `context` names the build context in `--from` and named contexts; a ' +
      'stage with either name makes `FROM scratch` or `COPY --from=context` ambiguous, and BuildKit warns ' +
      '(`ReservedStageName`). No fix is offered: the references to the stage have to be renamed with it.',
    bad: 'FROM alpine:3.20 AS scratch\nRUN echo hi > /hi\n',
    good: 'FROM alpine:3.20 AS base\nRUN echo hi > /hi\n',
  },
  check(ctx) {
    for (const stage of ctx.model.stages)
      if (stage.name && stage.nameRange && RESERVED.has(stage.name))
        ctx.report({ at: stage.nameRange, messageId: 'reserved', data: { name: stage.name } });
  },
});
