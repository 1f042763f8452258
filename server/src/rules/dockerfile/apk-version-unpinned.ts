import { defineRule } from '../../core/rule';
import type { DockerfileModel } from '../../languages/dockerfile';
import { unpinnedPackages } from '../../languages/dockerfile/pinning';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/apk-version-unpinned',
  language: 'dockerfile',
  severity: 'warning',
  recommended: false,
  instructionLocal: true,
  defaultOff: true,
  aliases: ['hadolint:DL3018'],
  fix: null,
  messages: {
    unpinned:
      '`{name}` is installed with `apk add` without a version, so two builds may get different ones: pin it (`{name}=<version>`).',
  },
  docs: {
    summary: 'Packages installed with `apk add` should name a version (off by default).',
    rationale:
      'Pinned versions make a rebuild produce the same image; without them a rebuild months later may pull a new major version. Pinning is also a maintenance cost (versions disappear from mirrors), so this rule is off by default: turn it on with `rules: { dockerfile/apk-version-unpinned: warning }` or by listing DL3018 in `.hadolint.yaml` `override`. A package written with `=`, `~`, `<` or `>`, or a local `.apk` file, counts as pinned; the name given to `--virtual` is not a package. A word that is only a variable (`$PACKAGES`) is expanded from ARG and ENV, and a variable with no known value is not judged; `name=${VERSION}` is pinned whatever the value. Every stage is checked, since builder stages make the image too.',
    bad: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
    good: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r1\n',
  },
  check(ctx) {
    for (const u of unpinnedPackages(ctx.model, 'apk'))
      ctx.report({ at: u.word.range, messageId: 'unpinned', data: { name: u.name } });
  },
});
