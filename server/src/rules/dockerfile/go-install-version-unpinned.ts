import { defineRule } from '../../core/rule';
import type { DockerfileModel } from '../../languages/dockerfile';
import { unpinnedPackages } from '../../languages/dockerfile/pinning';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/go-install-version-unpinned',
  language: 'dockerfile',
  severity: 'warning',
  recommended: false,
  instructionLocal: true,
  defaultOff: true,
  aliases: ['hadolint:DL3062'],
  fix: null,
  messages: {
    unpinned:
      '`{name}` is installed with `go install` without a version, so two builds may get different ones: pin it (`{name}@<version>`).',
  },
  docs: {
    summary: 'Packages installed with `go install` should name a version (off by default).',
    rationale:
      'Pinned versions make a rebuild produce the same image; without them a rebuild months later may pull a new major version. Pinning is also a maintenance cost (versions disappear from mirrors), so this rule is off by default: turn it on with `rules: { dockerfile/go-install-version-unpinned: warning }` or by listing DL3062 in `.hadolint.yaml` `override`. `@latest`, `@main`, `@master` and `@HEAD` move. A package without `@version` is resolved through the current module’s go.mod (and fails outside a module), so unlike hadolint it is not reported. A word that is only a variable (`$PACKAGES`) is expanded from ARG and ENV, and a variable with no known value is not judged; `name=${VERSION}` is pinned whatever the value. Every stage is checked, since builder stages make the image too.',
    bad: 'FROM golang:1.23\nRUN go install github.com/go-delve/delve/cmd/dlv@latest\n',
    good: 'FROM golang:1.23\nRUN go install github.com/go-delve/delve/cmd/dlv@v1.23.1\n',
  },
  check(ctx) {
    for (const u of unpinnedPackages(ctx.model, 'go'))
      ctx.report({ at: u.word.range, messageId: 'unpinned', data: { name: u.name } });
  },
});
