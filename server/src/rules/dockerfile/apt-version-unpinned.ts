import { defineRule } from '../../core/rule';
import type { DockerfileModel } from '../../languages/dockerfile';
import { unpinnedPackages } from '../../languages/dockerfile/pinning';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/apt-version-unpinned',
  language: 'dockerfile',
  severity: 'warning',
  recommended: false,
  instructionLocal: true,
  defaultOff: true,
  aliases: ['hadolint:DL3008'],
  fix: null,
  messages: {
    unpinned:
      '`{name}` is installed with `apt-get install` without a version, so two builds may get different ones: pin it (`{name}=<version>`).',
  },
  docs: {
    summary: 'Packages installed with `apt-get install` should name a version (off by default).',
    rationale:
      'Pinned versions make a rebuild produce the same image; without them a rebuild months later may pull a new major version. Pinning is also a maintenance cost (versions disappear from mirrors), so this rule is off by default: turn it on with `rules: { dockerfile/apt-version-unpinned: warning }` or by listing DL3008 in `.hadolint.yaml` `override`. A package written `name=version`, `name/release` (a target release) or a local `.deb` file counts as pinned. Unlike hadolint, `apt install` is read too. A word that is only a variable (`$PACKAGES`) is expanded from ARG and ENV, and a variable with no known value is not judged; `name=${VERSION}` is pinned whatever the value. Every stage is checked, since builder stages make the image too.',
    bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    good: 'FROM debian:12\nARG CURL_VERSION=7.88.1-10+deb12u8\nRUN apt-get update && apt-get install -y --no-install-recommends curl=${CURL_VERSION} && rm -rf /var/lib/apt/lists/*\n',
  },
  check(ctx) {
    for (const u of unpinnedPackages(ctx.model, 'apt'))
      ctx.report({ at: u.word.range, messageId: 'unpinned', data: { name: u.name } });
  },
});
