import { defineRule } from '../../core/rule';
import type { DockerfileModel } from '../../languages/dockerfile';
import { runsOf } from '../../languages/dockerfile/runs';

/** Interactive programs, and ones that report on or stop a machine that is only a build step. */
const POINTLESS: Record<string, string> = {
  vim: 'an interactive editor',
  vi: 'an interactive editor',
  nano: 'an interactive editor',
  top: 'an interactive process viewer',
  htop: 'an interactive process viewer',
  ssh: 'a remote login, which needs keys the build should not hold',
  shutdown: 'stopping a machine the build does not own',
  reboot: 'stopping a machine the build does not own',
  halt: 'stopping a machine the build does not own',
  poweroff: 'stopping a machine the build does not own',
  free: 'a report on the build machine’s memory, not the image’s',
  ps: 'a report on the build step’s processes, not the image’s',
  ifconfig: 'a report on the build network, not the container’s',
};

export default defineRule<DockerfileModel>({
  id: 'dockerfile/pointless-command',
  language: 'dockerfile',
  severity: 'info',
  recommended: true,
  instructionLocal: true,
  aliases: ['hadolint:DL3001'],
  fix: null,
  messages: {
    pointless: '`{name}` in RUN is {why}: it changes nothing in the image.',
  },
  docs: {
    summary: 'RUN should not run interactive or machine-level programs (vim, top, ssh, shutdown, ps…).',
    rationale:
      'A RUN step has no terminal, no running services and a throw-away network, so an editor waits for input ' +
      'that never comes, `shutdown` has nothing to stop, and `ps` or `free` describe the build step rather than ' +
      'the container. Deliberately narrower than hadolint: `service`, `kill` and `mount` are not reported, since ' +
      'starting a database to load a schema, stopping a background helper, or a mount in a privileged build are ' +
      'real build steps. Installing these programs is not reported either.',
    bad: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && ps aux\n',
    good: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
  },
  check(ctx) {
    const { model } = ctx;
    for (const stage of model.stages)
      for (const run of runsOf(model, stage))
        for (const cmd of run.script.commands) {
          const why = Object.hasOwn(POINTLESS, cmd.name) ? POINTLESS[cmd.name] : undefined;
          const word = cmd.words[cmd.nameIndex];
          if (!why || !word) continue;
          ctx.report({ at: word.range, messageId: 'pointless', data: { name: cmd.name, why } });
        }
  },
});
