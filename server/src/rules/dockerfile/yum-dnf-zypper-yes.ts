import { defineRule } from '../../core/rule';
import type { DockerfileModel } from '../../languages/dockerfile';
import {
  callRange,
  configuredBefore,
  expandedArgs,
  flagIn,
  rpmCall,
  runsOf,
} from '../../languages/dockerfile/runs';
import { insertAfterWord } from '../../fixes/packages';

/** Subcommands that ask "Is this ok [y/N]" before changing packages. */
const YUM_PROMPTS = new Set(['install', 'groupinstall', 'localinstall', 'reinstall', 'update', 'upgrade', 'remove', 'erase', 'downgrade', 'autoremove', 'distro-sync', 'group', 'module', 'swap']); // prettier-ignore
const ZYPPER_PROMPTS = new Set(['install', 'in', 'remove', 'rm', 'source-install', 'si', 'patch', 'update', 'up', 'dist-upgrade', 'dup']); // prettier-ignore
/** `assumeyes=1` in yum.conf or dnf.conf, or `--setopt=assumeyes=1`. */
const ASSUME_YES_CONFIG = /assumeyes\s*=\s*(?:1|true|yes|on)\b/i;

const ALIAS = {
  yum: 'hadolint:DL3030',
  dnf: 'hadolint:DL3038',
  microdnf: 'hadolint:DL3038',
  zypper: 'hadolint:DL3034',
};

export default defineRule<DockerfileModel>({
  id: 'dockerfile/yum-dnf-zypper-yes',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  instructionLocal: true,
  aliases: ['hadolint:DL3030', 'hadolint:DL3034', 'hadolint:DL3038'],
  fix: 'safe',
  messages: {
    missingYes:
      '`{call}` asks for confirmation, and with no terminal to answer it the build aborts: add `{flag}`.',
  },
  docs: {
    summary: 'yum, dnf and zypper should answer their prompt (`-y`, `zypper -n`).',
    rationale:
      '`docker build` gives RUN no terminal: `yum install` and `dnf install` ask "Is this ok [y/N]", read ' +
      'end-of-file and exit with "Operation aborted", so the build fails. The rule reads the subcommands that ' +
      'prompt (install, update, remove, group and module commands, and zypper’s install, remove, update, patch ' +
      'and dist-upgrade) and stays quiet with `-y`/`--assumeyes` (yum, dnf), `-n`/`--non-interactive` ' +
      'or `-y`/`--no-confirm` (zypper), or `assumeyes=1` set with `--setopt` or in a yum.conf or dnf.conf written ' +
      'earlier. The fix adds `-y` after the subcommand, or `-n` after `zypper` (a global option, valid for every ' +
      'subcommand). Unlike hadolint, microdnf is not reported: it does not prompt (the official openjdk images ' +
      'on Oracle Linux run `microdnf install` without `-y`). Exec-form RUN instructions are not checked.',
    bad: 'FROM rockylinux:9\nRUN dnf install httpd && dnf clean all\n',
    good: 'FROM rockylinux:9\nRUN dnf install -y httpd && dnf clean all\n',
  },
  check(ctx) {
    const { model, doc } = ctx;
    for (const stage of model.stages)
      for (const run of runsOf(model, stage))
        for (const cmd of run.script.commands) {
          const call = rpmCall(cmd);
          // microdnf answers yes by itself: docker-library's openjdk images run `microdnf install` without -y.
          if (!call || call.tool === 'microdnf') continue;
          const zypper = call.tool === 'zypper';
          if (!(zypper ? ZYPPER_PROMPTS : YUM_PROMPTS).has(call.subcommand.value)) continue;
          const args = expandedArgs(model, run.ins, call.args);
          if (!args) continue;
          const yes = zypper
            ? flagIn(args, '-n', '--non-interactive', '-y', '--no-confirm')
            : flagIn(args, '-y', '--assumeyes');
          if (yes || configuredBefore(model, run.ins, cmd.end, ASSUME_YES_CONFIG)) continue;
          const at = zypper ? call.program : call.subcommand;
          const flag = zypper ? '-n' : '-y';
          ctx.report({
            at: callRange(doc, call),
            messageId: 'missingYes',
            data: { call: `${call.label} ${call.subcommand.value}`, flag },
            aliases: [ALIAS[call.tool]],
            fix: () => ({ title: `Add ${flag}`, edits: [insertAfterWord(doc, at, ` ${flag}`)] }),
          });
        }
  },
});
