import { defineRule } from '../../core/rule';
import { finalStage, stageChain, type DockerfileModel } from '../../languages/dockerfile';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/onbuild-trigger-invalid',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: [],
  fix: null,
  messages: {
    later: 'This trigger fails every build FROM this image, where BuildKit reads it: {message}',
    now: 'Stage {stage} is built FROM this one, so this build runs the trigger and fails: {message}',
  },
  docs: {
    summary: 'An ONBUILD trigger the builder will reject when it runs.',
    rationale:
      'BuildKit stores an ONBUILD trigger as text: building this image it refuses only ONBUILD, FROM and ' +
      'MAINTAINER as triggers and the ENV and LABEL lines its parser cannot split (those are ' +
      '`dockerfile/syntax-error`). An unknown instruction, `COPY` with one argument, `EXPOSE` alone or a bad ' +
      'flag is found when the trigger runs, in the first build FROM the image, so the image builds and is ' +
      'pushed, and every image built on it fails. This is a warning, since this build succeeds; it is an ' +
      'error when a stage of the same file that the build reaches is built FROM the stage with the trigger, ' +
      'since BuildKit then runs the trigger in this build.',
    bad: 'FROM node:22-alpine\nWORKDIR /app\nONBUILD COPY package.json\nUSER node\n',
    good: 'FROM node:22-alpine\nWORKDIR /app\nONBUILD COPY package.json ./\nUSER node\n',
  },
  check(ctx) {
    const { model } = ctx;
    const last = finalStage(model);
    const built = last ? stageChain(last) : [];
    for (const ins of model.instructions) {
      if (!ins.triggerErrors) continue;
      // BuildKit runs a stage's triggers when a stage it builds is FROM that stage (resolveStages).
      const child = built.find((s) => s.parent?.index === ins.stage && ins.stage >= 0);
      for (const e of ins.triggerErrors)
        ctx.report({
          at: e.range,
          messageId: child ? 'now' : 'later',
          data: { message: e.message, stage: child ? (child.name ?? `#${child.index + 1}`) : '' },
          ...(child ? { severity: 'error' as const } : {}),
        });
    }
  },
});
