import { defineRule } from '../../core/rule';
import { resolveAt, type DockerfileModel } from '../../languages/dockerfile';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/user-non-numeric',
  language: 'dockerfile',
  severity: 'info',
  recommended: false,
  instructionLocal: true,
  defaultOff: true,
  aliases: ['hadolint:DL3066'],
  fix: null,
  messages: {
    name: 'USER {user} names the user: Kubernetes cannot tell from a name that the container is not root (runAsNonRoot), so give the numeric UID.',
  },
  docs: {
    summary: 'USER should give a numeric UID (off by default).',
    rationale:
      'Kubernetes’ `runAsNonRoot` and PodSecurity admission decide from the image’s USER whether the container ' +
      'runs as root, and only a number can be judged without the image’s /etc/passwd: with `USER app` the kubelet ' +
      'refuses to start the pod under `runAsNonRoot: true`. `USER 10001` (or `10001:10001`) works everywhere. ' +
      'The rule is off by default because it matters only to clusters that enforce it. The user part is judged ' +
      'after ARG and ENV substitution; a variable with no known value is left alone.',
    bad: 'FROM node:20-slim\nUSER node\n',
    good: 'FROM node:20-slim\nUSER 1000\n',
  },
  check(ctx) {
    const { model } = ctx;
    for (const ins of model.instructions) {
      const arg = ins.keyword === 'USER' ? ins.args[0] : undefined;
      // Windows images have no runAsNonRoot to satisfy (`USER ContainerAdministrator`).
      if (!arg || /windows|nanoserver|servercore/i.test(model.stages[ins.stage]?.image?.raw ?? '')) continue;
      const value = resolveAt(model, ins, arg.value);
      const user = value?.split(':')[0];
      if (user === undefined || user === '' || /^\d+$/.test(user)) continue;
      ctx.report({ at: arg.range, messageId: 'name', data: { user } });
    }
  },
});
