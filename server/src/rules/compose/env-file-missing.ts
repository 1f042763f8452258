import { defineRule } from '../../core/rule';
import { activeByDefault, envFilesOf, fileState, rangeOf, type ComposeModel } from '../../languages/compose';

export default defineRule<ComposeModel>({
  id: 'compose/env-file-missing',
  language: 'compose',
  severity: 'error',
  recommended: true,
  aliases: [],
  fix: null,
  messages: {
    missing:
      'Env file `{path}` does not exist: `docker compose` rejects the project ("env file … not found"). Create it, or mark it `required: false`.',
    outside:
      '`{path}` was not read: it is outside the workspace, so Shipshape cannot tell whether it exists.',
  },
  docs: {
    summary: 'A service’s `env_file` must exist unless it says `required: false`.',
    rationale:
      'compose-go reads every `env_file` of the services it runs when it resolves their environment ' +
      '(types/project.go `WithServicesEnvironmentResolved`, the last step of `ModelToProject`) and stops with ' +
      '"env file … not found" when one is missing, unless the entry is written `{ path: …, required: false }`. ' +
      'A missing `.env.local` is the classic: it exists on one laptop and nowhere else. Paths are relative to the ' +
      'Compose file; paths built from variables `.env` does not set are left alone, as are files outside the ' +
      'workspace (an info finding says they were not read). A service in a profile `.env` does not enable gets a ' +
      'warning, since Compose resolves it only when a `--profile` enables it.',
    bad: 'services:\n  web:\n    image: nginx:1.27\n    env_file: .env.local\n',
    good: 'services:\n  web:\n    image: nginx:1.27\n    env_file:\n      - path: .env.local\n        required: false\n',
  },
  check(ctx) {
    const m = ctx.model;
    for (const s of m.services) {
      const active = activeByDefault(m, s);
      for (const ref of envFilesOf(m, s)) {
        if (!ref.required) continue;
        const state = fileState(ctx.host, ref.path);
        if (state === 'missing')
          ctx.report({
            at: rangeOf(m, ref.node),
            messageId: 'missing',
            data: { path: ref.path },
            ...(active ? {} : { severity: 'warning' as const }),
          });
        else if (state === 'outside')
          ctx.report({
            at: rangeOf(m, ref.node),
            messageId: 'outside',
            severity: 'info',
            data: { path: ref.path },
          });
      }
    }
  },
});
