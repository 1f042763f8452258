import { defineRule } from '../../core/rule';
import type { DockerfileModel } from '../../languages/dockerfile';
import { unpinnedPackages } from '../../languages/dockerfile/pinning';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/dnf-version-unpinned',
  language: 'dockerfile',
  severity: 'warning',
  recommended: false,
  instructionLocal: true,
  defaultOff: true,
  aliases: ['hadolint:DL3041'],
  fix: null,
  messages: {
    unpinned:
      '`{name}` is installed with `dnf install` without a version, so two builds may get different ones: pin it (`{name}-<version>`).',
  },
  docs: {
    summary: 'Packages installed with `dnf install` should name a version (off by default).',
    rationale:
      'Pinned versions make a rebuild produce the same image; without them a rebuild months later may pull a new major version. Pinning is also a maintenance cost (versions disappear from mirrors), so this rule is off by default: turn it on with `rules: { dockerfile/dnf-version-unpinned: warning }` or by listing DL3041 in `.hadolint.yaml` `override`. microdnf is read too. A package followed by a dash and a version (`httpd-2.4.62`) or a local `.rpm` file counts as pinned. A word that is only a variable (`$PACKAGES`) is expanded from ARG and ENV, and a variable with no known value is not judged; `name=${VERSION}` is pinned whatever the value. Every stage is checked, since builder stages make the image too.',
    bad: 'FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n',
    good: 'FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n',
  },
  check(ctx) {
    for (const u of unpinnedPackages(ctx.model, 'dnf'))
      ctx.report({ at: u.word.range, messageId: 'unpinned', data: { name: u.name } });
  },
});
