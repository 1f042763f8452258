import { defineRule } from '../../core/rule';
import type { DockerfileModel } from '../../languages/dockerfile';
import { rootImage } from '../../languages/dockerfile/images';
import { callRange, rpmCall, runsOf } from '../../languages/dockerfile/runs';

/** openSUSE Tumbleweed and MicroOS are rolling releases: `zypper dup` is how they are meant to be updated. */
const ROLLING = /tumbleweed|microos|slowroll/i;

export default defineRule<DockerfileModel>({
  id: 'dockerfile/zypper-dist-upgrade',
  language: 'dockerfile',
  severity: 'info',
  recommended: false,
  defaultOff: true,
  instructionLocal: true,
  aliases: ['hadolint:DL3035'],
  fix: null,
  messages: {
    dup: '`{call}` can move the image to packages of another release than its base image ships: use a base image of the release you want.',
  },
  docs: {
    summary: 'Prefer a base image of the release you want to `zypper dist-upgrade` (off by default).',
    rationale:
      '`zypper dist-upgrade` (`dup`) upgrades to whatever the configured repositories hold, changing vendors ' +
      'and removing packages as needed: on openSUSE Leap or SLE it can turn the image into a different ' +
      'release than its tag says, and two builds of the same file differ. A newer base image tag gets the ' +
      'fixes, tested by its publisher. This is the zypper side of `dockerfile/apt-get-upgrade` and, like it, ' +
      'advice rather than a defect, so it is off by default. Stages built on openSUSE Tumbleweed, MicroOS or ' +
      'Slowroll are not reported: those releases roll, and `zypper dup` is their documented way to update. ' +
      'ONBUILD triggers are checked too. Exec-form RUN instructions are not.',
    bad: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive dist-upgrade && zypper clean --all\n',
    good: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive install --no-recommends curl && zypper clean --all\n',
  },
  check(ctx) {
    const { model, doc } = ctx;
    for (const stage of model.stages) {
      if (ROLLING.test(rootImage(stage)?.name ?? '')) continue;
      for (const run of runsOf(model, stage))
        for (const cmd of run.script.commands) {
          const call = rpmCall(cmd);
          const sub = call?.subcommand.value;
          if (!call || call.tool !== 'zypper' || (sub !== 'dist-upgrade' && sub !== 'dup')) continue;
          ctx.report({ at: callRange(doc, call), messageId: 'dup', data: { call: `zypper ${sub}` } });
        }
    }
  },
});
