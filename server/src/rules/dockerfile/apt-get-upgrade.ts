import { defineRule } from '../../core/rule';
import { argsOf, type DockerfileModel } from '../../languages/dockerfile';

const UPGRADES = new Set(['upgrade', 'dist-upgrade', 'full-upgrade']);

export default defineRule<DockerfileModel>({
  id: 'dockerfile/apt-get-upgrade',
  language: 'dockerfile',
  severity: 'info',
  recommended: false,
  instructionLocal: true,
  aliases: ['trivy:DS024'],
  fix: null,
  messages: {
    upgrade:
      '`{command}` makes the image depend on the day it is built: prefer a newer base image tag, which the publisher has already upgraded and tested.',
    distUpgrade:
      '`{command}` can move the image to packages of another release than its base image ships: use a base image of the release you want.',
  },
  docs: {
    summary: 'Prefer a fresh base image to `apt-get upgrade` / `dist-upgrade` in the Dockerfile.',
    rationale:
      'Upgrading every package in a build makes two builds of the same file differ, grows the layer by every ' +
      'upgraded package, and `dist-upgrade`/`full-upgrade` may install or remove packages the base image ' +
      'did not choose (Trivy DS024). Rebuilding on a newer tag or digest of the base image gets the same ' +
      'security fixes, tested. This is advice, not a rule every team follows — Docker’s own guide suggests ' +
      'upgrading when the base image lags — so it is an info finding, and not recommended by default. Only ' +
      '`dist-upgrade`/`full-upgrade` findings answer to Trivy’s check.',
    bad: 'FROM debian:12\nRUN apt-get update && apt-get dist-upgrade -y\n',
    good: 'FROM debian:12.8\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
  },
  check(ctx) {
    for (const ins of ctx.model.instructions)
      for (const cmd of ins.shell?.commands ?? []) {
        if (cmd.name !== 'apt-get' && cmd.name !== 'apt' && cmd.name !== 'aptitude') continue;
        const sub = argsOf(cmd).find((w) => !w.value.startsWith('-'));
        if (!sub || !UPGRADES.has(sub.value)) continue;
        const dist = sub.value !== 'upgrade';
        ctx.report({
          at: sub.range,
          messageId: dist ? 'distUpgrade' : 'upgrade',
          data: { command: `${cmd.name} ${sub.value}` },
          aliases: dist && cmd.name === 'apt-get' ? ['trivy:DS024'] : [],
        });
      }
  },
});
