import { defineRule } from '../../core/rule';
import { entryAt, projectSiblings, type ComposeModel } from '../../languages/compose';
import { isScalar } from '../../languages/yaml/model';

export default defineRule<ComposeModel>({
  id: 'compose/secret-without-source',
  language: 'compose',
  severity: 'error',
  recommended: true,
  aliases: [],
  fix: null,
  messages: {
    noSource:
      'Secret `{name}` declares neither `file` nor `environment`: Compose rejects the project ("must declare either `file` or `environment`").',
  },
  docs: {
    summary: 'A top-level secret says where its value comes from, or is `external`.',
    rationale:
      'compose-go checks every top-level secret (loader/validate.go, `checkConsistency`): one that is not ' +
      '`external: true` must name a `file` or an `environment` variable, or `docker compose` stops with "secret ' +
      '\\"db_password\\" must declare either `file` or `environment`". An empty declaration (`db_password:`) is ' +
      'the usual slip. Override files, and secrets the files Compose merges with this one also declare (they ' +
      'may add the source), are left alone.',
    bad: 'services:\n  db:\n    image: postgres:16\n    secrets:\n      - db_password\nsecrets:\n  db_password: {}\n',
    good: 'services:\n  db:\n    image: postgres:16\n    secrets:\n      - db_password\nsecrets:\n  db_password:\n    file: ./db_password.txt\n',
  },
  check(ctx) {
    const m = ctx.model;
    if (m.partial) return;
    const project = projectSiblings(m, ctx.host);
    if (project.unknown) return;
    for (const [name, e] of m.declared.secrets) {
      if (project.declared.secrets.has(name)) continue;
      const external = entryAt(e.value, 'external')?.value;
      // `external: false` is a secret like any other; `external: true` (or the old `{ name: x }` form) is not.
      if (external && !(isScalar(external) && (external.value === false || external.value === 'false')))
        continue;
      if (entryAt(e.value, 'file') || entryAt(e.value, 'environment')) continue;
      ctx.report({
        at: m.doc.rangeOf(e.keyNode.range?.[0] ?? 0, e.keyNode.range?.[1] ?? 0),
        messageId: 'noSource',
        data: { name },
      });
    }
  },
});
