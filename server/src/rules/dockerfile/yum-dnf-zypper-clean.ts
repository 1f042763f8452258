import { defineRule } from '../../core/rule';
import type { DockerfileModel } from '../../languages/dockerfile';
import {
  callRange,
  mountsOver,
  removesPath,
  rpmCall,
  runsOf,
  shippedStages,
  type RpmTool,
} from '../../languages/dockerfile/runs';
import { appendCommand } from '../../fixes/packages';

const INSTALLS = new Set(['install', 'in', 'groupinstall', 'localinstall', 'reinstall', 'update', 'up', 'upgrade', 'distro-sync', 'downgrade']); // prettier-ignore
const CLEAN: Record<RpmTool, string> = {
  yum: 'yum clean all',
  dnf: 'dnf clean all',
  microdnf: 'microdnf clean all',
  zypper: 'zypper clean --all',
};
const CACHE_DIRS = ['/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5', '/var/cache/zypp'];
const ALIAS: Record<RpmTool, string[]> = {
  yum: ['hadolint:DL3032'],
  dnf: ['hadolint:DL3040'],
  microdnf: ['hadolint:DL3040'],
  zypper: ['hadolint:DL3036'],
};

export default defineRule<DockerfileModel>({
  id: 'dockerfile/yum-dnf-zypper-clean',
  language: 'dockerfile',
  severity: 'info',
  recommended: true,
  instructionLocal: true,
  aliases: ['hadolint:DL3032', 'hadolint:DL3036', 'hadolint:DL3040'],
  fix: 'safe',
  messages: {
    notCleaned:
      '`{call}` leaves its package metadata and downloads in /var/cache, where they stay in the image layer: end the RUN with `{clean}`.',
  },
  docs: {
    summary: 'yum, dnf, microdnf and zypper installs should clean their cache in the same RUN.',
    rationale:
      'The repository metadata these tools download (tens of megabytes on Fedora and RHEL) stays under ' +
      '/var/cache unless the same RUN cleans it; a later RUN cannot take it out of the layer. The rule stays ' +
      'quiet when a later command of the RUN runs `yum|dnf|microdnf clean all`, `zypper clean` (or `cc`), ' +
      'removes /var/cache/yum, /var/cache/dnf, /var/cache/libdnf5 or /var/cache/zypp, or when the RUN mounts a ' +
      'cache or tmpfs there. Like `apk-no-cache` and unlike hadolint, only the stages that ship (the final one ' +
      'and those it is built FROM) are checked: a builder stage’s cache is thrown away. The fix appends the ' +
      'clean command at the end of the RUN.',
    bad: 'FROM fedora:40\nRUN dnf install -y httpd\n',
    good: 'FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n',
  },
  check(ctx) {
    const { model, doc } = ctx;
    for (const stage of shippedStages(model))
      for (const run of runsOf(model, stage)) {
        if (mountsOver(run.ins, CACHE_DIRS, ['cache', 'tmpfs'])) continue;
        const cmds = run.script.commands;
        let cleaned = -1;
        cmds.forEach((c, i) => {
          const call = rpmCall(c);
          const sub = call?.subcommand.value;
          if (sub === 'clean' || (call?.tool === 'zypper' && sub === 'cc') || removesPath([c], ...CACHE_DIRS))
            cleaned = i;
        });
        cmds.forEach((cmd, i) => {
          const call = rpmCall(cmd);
          if (!call || !INSTALLS.has(call.subcommand.value) || cleaned > i) return;
          const clean = CLEAN[call.tool];
          ctx.report({
            at: callRange(doc, call),
            messageId: 'notCleaned',
            data: { call: `${call.label} ${call.subcommand.value}`, clean },
            aliases: ALIAS[call.tool],
            fix: () => {
              const edit = appendCommand(doc, run, clean);
              return edit && { title: `Append ${clean}`, edits: [edit] };
            },
          });
        });
      }
  },
});
