import { defineRule } from '../../core/rule';
import { entryAt, rangeOf, resolved, type ComposeModel } from '../../languages/compose';
import { isMap, isScalar, type Scalar } from '../../languages/yaml/model';
import { trimEndChars } from '../../core/strings';

/** Contexts Compose fetches rather than reads from disk. */
const REMOTE = /^([a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/)|\.git(#.*)?$|#/i;
const ABSOLUTE = /^(\/|[A-Za-z]:[\\/]|\\\\|~)/;

function join(dir: string, file: string): string {
  const d = trimEndChars(dir.replace(/\\/g, '/'), '/').replace(/^\.\/?/, '');
  const f = file.replace(/\\/g, '/').replace(/^\.\//, '');
  return d ? `${d}/${f}` : f;
}

export default defineRule<ComposeModel>({
  id: 'compose/build-context-missing',
  language: 'compose',
  severity: 'warning',
  recommended: true,
  aliases: [],
  fix: null,
  messages: {
    context:
      'Build context `{path}` does not exist next to this file: `docker compose build` fails with "path not found".',
    dockerfile:
      'Dockerfile `{path}` does not exist: `docker compose build` fails with "failed to read dockerfile".',
    noDockerfile: 'Build context `{path}` has no `Dockerfile`: name one with `dockerfile:` or add it.',
  },
  docs: {
    summary: "A service's build context, and the Dockerfile in it, must exist relative to the Compose file.",
    rationale:
      'Compose resolves `build:` (or `build.context`) relative to the Compose file, and `build.dockerfile` relative ' +
      'to the context. A typo or a moved folder passes `docker compose config` and fails only when an image is ' +
      'built, often in CI. The rule asks the editor whether the paths exist; when that is unknown (an unsaved ' +
      'file) it stays quiet, as it does for remote contexts (Git URLs, `https://…`), absolute paths, ' +
      '`dockerfile_inline`, paths built from variables `.env` does not resolve, and contexts inherited through ' +
      '`extends` (they are relative to the other file).',
    bad: 'services:\n  api:\n    build: ./services/api\n',
    good: 'services:\n  api:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM nginx:1.27\n',
  },
  check(ctx) {
    const m = ctx.model;
    for (const s of m.services) {
      const b = s.get('build');
      if (!b) continue;
      const v = b.value;
      let contextNode: Scalar | null = null;
      let dockerfileNode: Scalar | null = null;
      if (isScalar(v)) contextNode = v;
      else if (isMap(v)) {
        if (entryAt(v, 'dockerfile_inline')) continue;
        const c = entryAt(v, 'context')?.value;
        const d = entryAt(v, 'dockerfile')?.value;
        contextNode = isScalar(c) ? c : null;
        dockerfileNode = isScalar(d) ? d : null;
      } else continue;
      const contextValue = contextNode ? resolved(m, contextNode) : { value: '.', unresolved: false };
      if (!contextValue || contextValue.unresolved) continue;
      const context = contextValue.value.trim() || '.';
      if (REMOTE.test(context) || ABSOLUTE.test(context)) continue;
      const isHere = /^\.\/?$/.test(context);
      if (!isHere && contextNode) {
        const exists = ctx.host.exists(join(context, '').replace(/\/$/, ''));
        if (exists === undefined) continue;
        if (!exists) {
          ctx.report({ at: rangeOf(m, contextNode), messageId: 'context', data: { path: context } });
          continue;
        }
      }
      if (dockerfileNode) {
        const df = resolved(m, dockerfileNode);
        if (!df || df.unresolved || ABSOLUTE.test(df.value)) continue;
        if (ctx.host.exists(join(context, df.value)) === false)
          ctx.report({
            at: rangeOf(m, dockerfileNode),
            messageId: 'dockerfile',
            data: { path: join(context, df.value) },
          });
        continue;
      }
      const names = ['Dockerfile', 'dockerfile', 'Containerfile'].map((n) =>
        ctx.host.exists(join(context, n)),
      );
      if (names.every((x) => x === false))
        ctx.report({
          at: rangeOf(m, contextNode ?? b.keyNode),
          messageId: 'noDockerfile',
          data: { path: context },
        });
    }
  },
});
