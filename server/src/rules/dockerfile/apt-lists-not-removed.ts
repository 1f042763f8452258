import { defineRule } from '../../core/rule';
import type { DockerfileModel, Stage } from '../../languages/dockerfile';
import {
  callRange,
  isAptInstall,
  isAptUpdate,
  mountsOver,
  reliesOnEarlierLists,
  removesPath,
  runsOf,
  shippedStages,
  stagesBuiltOn,
  aptCall,
  type Run,
} from '../../languages/dockerfile/runs';
import { appendCommand } from '../../fixes/packages';

const LISTS = '/var/lib/apt/lists';
const CLEANUP = 'rm -rf /var/lib/apt/lists/*';

/** Whether a RUN after `run` (in its stage, or in a stage built on it) uses the lists `run` downloaded. */
function laterRunNeedsLists(model: DockerfileModel, stage: Stage, run: Run): boolean {
  const later = runsOf(model, stage).filter((r) => r.ins.range.start.line > run.ins.range.start.line);
  if (later.some(reliesOnEarlierLists)) return true;
  return stagesBuiltOn(model, stage).some((s) => runsOf(model, s).some(reliesOnEarlierLists));
}

export default defineRule<DockerfileModel>({
  id: 'dockerfile/apt-lists-not-removed',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  instructionLocal: true,
  aliases: ['hadolint:DL3009'],
  fix: 'safe',
  messages: {
    listsKept:
      'This RUN downloads the apt package lists and installs packages without removing /var/lib/apt/lists afterwards, so tens of megabytes of lists stay in the image layer.',
  },
  docs: {
    summary:
      'A RUN that runs `apt-get update` and installs packages should end with `rm -rf /var/lib/apt/lists/*`.',
    rationale:
      '`apt-get update` downloads the package lists into /var/lib/apt/lists. They are only needed while ' +
      'installing, but whatever a RUN leaves behind is frozen into its layer: removing them in a later RUN ' +
      'does not make the image smaller. The rule looks at RUN instructions that update and install with apt-get ' +
      'or apt in the final stage and the stages it is built FROM; builder stages are thrown away and are not ' +
      'checked. It stays quiet when the RUN removes the lists after its last install (`rm`, or `apt-get ' +
      'dist-clean` of apt 2.7), or mounts a cache or tmpfs over /var/lib/apt/lists (or /var/lib/apt), which ' +
      'keeps them out of the layer; a cache mount on /var/cache/apt alone does not, since it holds the ' +
      'downloaded packages, not the lists. An install without ' +
      'an update in the same RUN is not reported: its lists come from an earlier layer (see ' +
      '`apt-update-separate`). The fix appends the removal; it is not offered when a later RUN installs ' +
      'without updating first, because that RUN still needs the lists.',
    bad:
      'FROM debian:bookworm-slim\n' +
      'RUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl\n',
    good:
      'FROM debian:bookworm-slim\n' +
      'RUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl \\\n' +
      '    && rm -rf /var/lib/apt/lists/*\n',
  },
  check(ctx) {
    const { model, doc } = ctx;
    for (const stage of shippedStages(model))
      for (const run of runsOf(model, stage)) {
        const cmds = run.script.commands;
        const firstUpdate = cmds.findIndex(isAptUpdate);
        if (firstUpdate < 0) continue;
        let lastInstall = -1;
        cmds.forEach((c, i) => {
          if (i > firstUpdate && isAptInstall(c)) lastInstall = i;
        });
        if (lastInstall < 0) continue;
        const after = cmds.slice(lastInstall + 1);
        // `apt-get dist-clean` (apt 2.7: Debian 13, Ubuntu 24.04) removes the lists as well as the cache.
        if (removesPath(after, LISTS) || after.some((c) => aptCall(c)?.subcommand.value === 'dist-clean'))
          continue;
        // A cache mount on /var/cache/apt keeps the .deb files out, not the lists under /var/lib/apt.
        if (mountsOver(run.ins, [LISTS], ['cache', 'tmpfs'])) continue;
        const install = cmds[lastInstall];
        const call = install && aptCall(install);
        if (!call) continue;
        const edit = laterRunNeedsLists(model, stage, run) ? undefined : appendCommand(doc, run, CLEANUP);
        ctx.report({
          at: callRange(doc, call),
          messageId: 'listsKept',
          fix: edit ? () => ({ title: `Append && ${CLEANUP} to the RUN`, edits: [edit] }) : undefined,
        });
      }
  },
});
