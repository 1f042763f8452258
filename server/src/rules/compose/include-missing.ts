import { defineRule } from '../../core/rule';
import { fileState, includesOf, rangeOf, type ComposeModel } from '../../languages/compose';

export default defineRule<ComposeModel>({
  id: 'compose/include-missing',
  language: 'compose',
  severity: 'error',
  recommended: true,
  aliases: [],
  fix: null,
  messages: {
    missing: 'Included file `{path}` does not exist: `docker compose` stops before it reads the project.',
    envMissing:
      'The `env_file` `{path}` of this `include` does not exist: `docker compose` stops before it reads the project.',
    outside: '`{path}` was not read: it is outside the workspace, so Shipshape cannot check what it defines.',
  },
  docs: {
    summary: 'Files an `include:` names must exist.',
    rationale:
      'compose-go loads every file of an `include:` entry (a path, or `path:` with one or more files) and the ' +
      '`env_file` files it names before it merges anything (loader/include.go, `ApplyInclude`): a missing one ' +
      'stops `docker compose config`, `up` and every other command. Paths are relative to the including file; ' +
      'variables are resolved from `.env`, and paths built from variables it does not set, remote includes ' +
      '(git, OCI, HTTP) and `/dev/null` are left alone. A file outside the workspace is never read: it gets an ' +
      'info finding saying so instead of silence.',
    bad: 'include:\n  - db/compose.yaml\nservices:\n  web:\n    image: nginx:1.27\n',
    good: 'services:\n  web:\n    image: nginx:1.27\n',
  },
  check(ctx) {
    const m = ctx.model;
    for (const inc of includesOf(m))
      for (const [refs, messageId] of [
        [inc.files, 'missing'],
        [inc.envFiles, 'envMissing'],
      ] as const)
        for (const ref of refs) {
          const state = fileState(ctx.host, ref.path);
          if (state === 'missing')
            ctx.report({ at: rangeOf(m, ref.node), messageId, data: { path: ref.path } });
          else if (state === 'outside')
            ctx.report({
              at: rangeOf(m, ref.node),
              messageId: 'outside',
              severity: 'info',
              data: { path: ref.path },
            });
        }
  },
});
