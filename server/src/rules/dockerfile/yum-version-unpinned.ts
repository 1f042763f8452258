import { defineRule } from '../../core/rule';
import type { DockerfileModel } from '../../languages/dockerfile';
import { unpinnedPackages } from '../../languages/dockerfile/pinning';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/yum-version-unpinned',
  language: 'dockerfile',
  severity: 'warning',
  recommended: false,
  instructionLocal: true,
  defaultOff: true,
  aliases: ['hadolint:DL3033'],
  fix: null,
  messages: {
    unpinned:
      '`{name}` is installed with `yum install` without a version, so two builds may get different ones: pin it (`{name}-<version>`).',
  },
  docs: {
    summary: 'Packages installed with `yum install` should name a version (off by default).',
    rationale:
      'Pinned versions make a rebuild produce the same image; without them a rebuild months later may pull a new major version. Pinning is also a maintenance cost (versions disappear from mirrors), so this rule is off by default: turn it on with `rules: { dockerfile/yum-version-unpinned: warning }` or by listing DL3033 in `.hadolint.yaml` `override`. A package followed by a dash and a version (`httpd-2.4.6`, `httpd-2.4.6-99.el7`) or a local `.rpm` file counts as pinned. A word that is only a variable (`$PACKAGES`) is expanded from ARG and ENV, and a variable with no known value is not judged; `name=${VERSION}` is pinned whatever the value. Every stage is checked, since builder stages make the image too.',
    bad: 'FROM centos:7\nRUN yum install -y httpd && yum clean all\n',
    good: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
  },
  check(ctx) {
    for (const u of unpinnedPackages(ctx.model, 'yum'))
      ctx.report({ at: u.word.range, messageId: 'unpinned', data: { name: u.name } });
  },
});
