import { defineRule } from '../../core/rule';
import type { DockerfileModel } from '../../languages/dockerfile';
import { unpinnedPackages } from '../../languages/dockerfile/pinning';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/gem-version-unpinned',
  language: 'dockerfile',
  severity: 'warning',
  recommended: false,
  instructionLocal: true,
  defaultOff: true,
  aliases: ['hadolint:DL3028'],
  fix: null,
  messages: {
    unpinned:
      '`{name}` is installed with `gem install` without a version, so two builds may get different ones: pin it (`{name}:<version>`).',
  },
  docs: {
    summary: 'Packages installed with `gem install` should name a version (off by default).',
    rationale:
      'Pinned versions make a rebuild produce the same image; without them a rebuild months later may pull a new major version. Pinning is also a maintenance cost (versions disappear from mirrors), so this rule is off by default: turn it on with `rules: { dockerfile/gem-version-unpinned: warning }` or by listing DL3028 in `.hadolint.yaml` `override`. `gem install name:version`, a `-v`/`--version` flag (which pins every gem of the command) and local `.gem` files count as pinned. A word that is only a variable (`$PACKAGES`) is expanded from ARG and ENV, and a variable with no known value is not judged; `name=${VERSION}` is pinned whatever the value. Every stage is checked, since builder stages make the image too.',
    bad: 'FROM ruby:3.3-slim\nRUN gem install bundler\n',
    good: 'FROM ruby:3.3-slim\nRUN gem install bundler:2.5.16\n',
  },
  check(ctx) {
    for (const u of unpinnedPackages(ctx.model, 'gem'))
      ctx.report({ at: u.word.range, messageId: 'unpinned', data: { name: u.name } });
  },
});
