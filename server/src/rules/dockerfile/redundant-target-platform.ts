import { defineRule } from '../../core/rule';
import { replace } from '../../fixes/text';
import type { DockerfileModel } from '../../languages/dockerfile';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/redundant-target-platform',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: ['buildkit:RedundantTargetPlatform', 'hadolint:DL3065'],
  fix: 'safe',
  messages: {
    redundant: 'Setting platform to predefined {value} in FROM is redundant as this is the default behavior.',
  },
  docs: {
    summary: 'Drop `--platform=$TARGETPLATFORM` from FROM: it is the default.',
    rationale:
      'A stage is built for the target platform unless FROM says otherwise, so `--platform=$TARGETPLATFORM` ' +
      'only adds noise and makes the stages that really need a flag (`--platform=$BUILDPLATFORM` for cross ' +
      'compilation) harder to spot. BuildKit warns (`RedundantTargetPlatform`). The rule stays quiet when a ' +
      'global ARG gives TARGETPLATFORM a default of its own. The fix removes the flag.',
    bad: 'FROM --platform=$TARGETPLATFORM alpine:3.20\nRUN echo hi\n',
    good: 'FROM alpine:3.20\nRUN echo hi\n',
  },
  check(ctx) {
    const { model } = ctx;
    const ownDefault = model.globalArgs.some((a) =>
      a.properties.some((p) => p.name === 'TARGETPLATFORM' && p.value !== null),
    );
    if (ownDefault) return;
    for (const stage of model.stages) {
      const flag = stage.from.flags.find((f) => f.name === 'platform');
      if (!flag?.value || !/^\$(?:TARGETPLATFORM|\{TARGETPLATFORM\})$/.test(flag.value)) continue;
      const image = stage.from.args[0];
      ctx.report({
        at: flag.range,
        messageId: 'redundant',
        data: { value: flag.value },
        fix: () =>
          image && image.range.start.line === flag.range.start.line
            ? {
                title: 'Remove --platform',
                edits: [replace({ start: flag.range.start, end: image.range.start }, '')],
              }
            : undefined,
      });
    }
  },
});
