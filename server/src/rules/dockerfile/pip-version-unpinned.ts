import { defineRule } from '../../core/rule';
import type { DockerfileModel } from '../../languages/dockerfile';
import { unpinnedPackages } from '../../languages/dockerfile/pinning';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/pip-version-unpinned',
  language: 'dockerfile',
  severity: 'warning',
  recommended: false,
  instructionLocal: true,
  defaultOff: true,
  aliases: ['hadolint:DL3013'],
  fix: null,
  messages: {
    unpinned:
      '`{name}` is installed with `pip install` without a version, so two builds may get different ones: pin it (`{name}==<version>`).',
  },
  docs: {
    summary: 'Packages installed with `pip install` should name a version (off by default).',
    rationale:
      'Pinned versions make a rebuild produce the same image; without them a rebuild months later may pull a new major version. Pinning is also a maintenance cost (versions disappear from mirrors), so this rule is off by default: turn it on with `rules: { dockerfile/pip-version-unpinned: warning }` or by listing DL3013 in `.hadolint.yaml` `override`. Any version specifier (`==`, `>=`, `~=`, \u2026), a wheel or archive, a path, a VCS URL with `@ref`, and installs from requirement (`-r`) or constraint (`-c`) files count as pinned. A word that is only a variable (`$PACKAGES`) is expanded from ARG and ENV, and a variable with no known value is not judged; `name=${VERSION}` is pinned whatever the value. Every stage is checked, since builder stages make the image too.',
    bad: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n',
    good: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3\n',
  },
  check(ctx) {
    for (const u of unpinnedPackages(ctx.model, 'pip'))
      ctx.report({ at: u.word.range, messageId: 'unpinned', data: { name: u.name } });
  },
});
