import { defineRule } from '../../core/rule';
import type { DockerfileModel } from '../../languages/dockerfile';
import { unpinnedPackages } from '../../languages/dockerfile/pinning';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/npm-version-unpinned',
  language: 'dockerfile',
  severity: 'warning',
  recommended: false,
  instructionLocal: true,
  defaultOff: true,
  aliases: ['hadolint:DL3016'],
  fix: null,
  messages: {
    unpinned:
      '`{name}` is installed with `npm install` without a version, so two builds may get different ones: pin it (`{name}@<version>`).',
  },
  docs: {
    summary: 'Packages installed with `npm install` should name a version (off by default).',
    rationale:
      'Pinned versions make a rebuild produce the same image; without them a rebuild months later may pull a new major version. Pinning is also a maintenance cost (versions disappear from mirrors), so this rule is off by default: turn it on with `rules: { dockerfile/npm-version-unpinned: warning }` or by listing DL3016 in `.hadolint.yaml` `override`. `npm install` without packages installs what package.json and the lock file say, and is not reported. `@latest` and `@next` are tags that move, so unlike hadolint they do not count as pinned; git URLs need `#ref`. A word that is only a variable (`$PACKAGES`) is expanded from ARG and ENV, and a variable with no known value is not judged; `name=${VERSION}` is pinned whatever the value. Every stage is checked, since builder stages make the image too.',
    bad: 'FROM node:20-alpine\nRUN npm install -g pnpm\n',
    good: 'FROM node:20-alpine\nRUN npm install -g pnpm@9.12.0\n',
  },
  check(ctx) {
    for (const u of unpinnedPackages(ctx.model, 'npm'))
      ctx.report({ at: u.word.range, messageId: 'unpinned', data: { name: u.name } });
  },
});
