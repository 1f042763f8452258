import { defineRule } from '../../core/rule';
import type { DockerfileModel } from '../../languages/dockerfile';
import { unpinnedPackages } from '../../languages/dockerfile/pinning';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/zypper-version-unpinned',
  language: 'dockerfile',
  severity: 'warning',
  recommended: false,
  instructionLocal: true,
  defaultOff: true,
  aliases: ['hadolint:DL3037'],
  fix: null,
  messages: {
    unpinned:
      '`{name}` is installed with `zypper install` without a version, so two builds may get different ones: pin it (`{name}=<version>`).',
  },
  docs: {
    summary: 'Packages installed with `zypper install` should name a version (off by default).',
    rationale:
      'Pinned versions make a rebuild produce the same image; without them a rebuild months later may pull a new major version. Pinning is also a maintenance cost (versions disappear from mirrors), so this rule is off by default: turn it on with `rules: { dockerfile/zypper-version-unpinned: warning }` or by listing DL3037 in `.hadolint.yaml` `override`. A package written with `=`, `<` or `>` (`curl>=8`) or a local `.rpm` file counts as pinned. A word that is only a variable (`$PACKAGES`) is expanded from ARG and ENV, and a variable with no known value is not judged; `name=${VERSION}` is pinned whatever the value. Every stage is checked, since builder stages make the image too.',
    bad: 'FROM opensuse/leap:15.6\nRUN zypper install -y curl && zypper clean --all\n',
    good: 'FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0 && zypper clean --all\n',
  },
  check(ctx) {
    for (const u of unpinnedPackages(ctx.model, 'zypper'))
      ctx.report({ at: u.word.range, messageId: 'unpinned', data: { name: u.name } });
  },
});
