import { defineRule } from '../../core/rule';
import { rangeOf, resolved, type ComposeModel } from '../../languages/compose';

export default defineRule<ComposeModel>({
  id: 'compose/root-user',
  language: 'compose',
  severity: 'info',
  recommended: true,
  aliases: [],
  fix: null,
  messages: {
    root: 'Service `{name}` is told to run as root (`user: {user}`): a compromised process is then root in the container, one kernel bug from the host.',
  },
  docs: {
    summary: 'Services should not set `user:` to root (`root`, `0`, `0:0`).',
    rationale:
      'An explicit `user: root` or `user: "0"` overrides the non-root user an image may have chosen, and is often ' +
      'written to get past a permission problem on a volume, which a `chown` of that volume or the right uid ' +
      'solves without giving the process root. It is informational: some images (tools that install packages at ' +
      'start, init containers) do need root. Group ids alone (`1000:0`) are not reported; neither are values from ' +
      'unresolved variables. Services that leave `user:` out are judged by `compose/non-root-user`. There is no ' +
      'fix, since which user owns the files the service writes depends on the image.',
    bad: 'services:\n  app:\n    image: node:22-slim\n    user: root\n',
    good: 'services:\n  app:\n    image: node:22-slim\n    user: node\n',
  },
  check(ctx) {
    const m = ctx.model;
    const seen = new Set<unknown>();
    for (const s of m.services) {
      const e = s.get('user');
      if (!e?.value || seen.has(e.value)) continue;
      seen.add(e.value);
      const r = resolved(m, e.value);
      if (!r || r.unresolved) continue;
      const user = r.value.trim().split(':')[0] ?? '';
      if (user !== 'root' && !/^0+$/.test(user)) continue;
      ctx.report({
        at: rangeOf(m, e.value),
        messageId: 'root',
        data: { name: s.name, user: r.value.trim() },
      });
    }
  },
});
