import { defineRule, type FixSpec } from '../../core/rule';
import {
  dependsOn,
  rangeOf,
  strAt,
  type ComposeModel,
  type ComposeService,
  type NameRef,
} from '../../languages/compose';
import { addCondition, hasHealthcheck } from '../../fixes/compose-depends-on';

export default defineRule<ComposeModel>({
  id: 'compose/wait-for-healthy',
  language: 'compose',
  severity: 'warning',
  recommended: true,
  aliases: [],
  fix: 'unsafe',
  messages: {
    wait: '`{dependency}` has a healthcheck, but `{name}` only waits for it to start: use `condition: service_healthy` so it waits until `{dependency}` is ready.',
  },
  docs: {
    summary: '`depends_on` a service that has a healthcheck should wait for it to be healthy.',
    rationale:
      'The short form `depends_on: [db]` only waits until the `db` container has started, not until PostgreSQL ' +
      'accepts connections, so the dependant races it at every start and crashes or retries. When the dependency ' +
      'defines a health check (in the Compose file, or as a HEALTHCHECK in the Dockerfile it builds), ' +
      '`condition: service_healthy` makes Compose wait for it. Entries that already name a condition are a ' +
      'deliberate choice and are left alone, as are dependencies without a health check and services this file ' +
      'does not define. The fix converts the list to the long form, keeping every entry (`service_started` for ' +
      'those without a health check) and the comments; the dependant then starts later, so it says so.',
    bad:
      'services:\n  api:\n    image: nginx:1.27\n    depends_on:\n      - db\n  db:\n    image: postgres:16\n    healthcheck:\n' +
      '      test: ["CMD-SHELL", "pg_isready -U postgres"]\n',
    good:
      'services:\n  api:\n    image: nginx:1.27\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n' +
      '    image: postgres:16\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U postgres"]\n',
  },
  check(ctx) {
    const m = ctx.model;
    const healthy = (name: string): boolean => hasHealthcheck(m, ctx.host, name);
    const seen = new Set<unknown>();
    for (const s of m.services) {
      const refs = dependsOn(s);
      for (const r of refs) {
        if (seen.has(r.node)) continue;
        if (r.entry && strAt(r.entry.value, 'condition') !== undefined) continue;
        if (!healthy(r.name)) continue;
        seen.add(r.node);
        ctx.report({
          at: rangeOf(m, r.node),
          messageId: 'wait',
          data: { dependency: r.name, name: s.name },
          fix: () => convert(m, s, healthy, r),
        });
      }
    }
  },
});

function convert(
  m: ComposeModel,
  s: ComposeService,
  healthy: (name: string) => boolean,
  target: NameRef,
): FixSpec | undefined {
  const title = `Wait until \`${target.name}\` is healthy (changes behaviour: \`${s.name}\` starts later)`;
  const edits = addCondition(m, s, target, (name) => (healthy(name) ? 'service_healthy' : 'service_started'));
  return edits ? { title, edits } : undefined;
}
