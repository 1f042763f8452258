import { defineRule } from '../../core/rule';
import { lookup, profilesOf, rangeOf, resolvedValue, type ComposeModel } from '../../languages/compose';

/** The engine's rule for container names (moby daemon/names `RestrictedNamePattern`). */
const VALID = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export default defineRule<ComposeModel>({
  id: 'compose/invalid-container-name',
  language: 'compose',
  severity: 'warning',
  recommended: true,
  aliases: ['dclint:no-duplicate-container-names', 'dclint:service-container-name-regex'],
  fix: null,
  messages: {
    duplicate:
      'Container name `{value}` is already used by service `{other}` (line {line}): the second container fails to start ("The container name is already in use").',
    invalid:
      'Container name `{value}` is not valid: Docker refuses to create the container ("only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed").',
  },
  docs: {
    summary: '`container_name` must be unique and made of letters, digits, `_`, `.` and `-`.',
    rationale:
      'A container name is global on the Docker host, so two services with the same `container_name` cannot both ' +
      'run; and the engine accepts only `[a-zA-Z0-9][a-zA-Z0-9_.-]+`. `docker compose config` accepts both ' +
      '(the schema pattern is not anchored), but `docker compose up` fails on the container, so these are ' +
      'warnings. Names built from variables `.env` does not set, and services in profiles that never run ' +
      'together, are left alone. `container_name` with more than one replica is `compose/conflicting-options`.',
    bad: 'services:\n  web:\n    image: nginx:1.27\n    container_name: app\n  api:\n    image: nginx:1.27\n    container_name: app\n',
    good: 'services:\n  web:\n    image: nginx:1.27\n    container_name: app-web\n  api:\n    image: nginx:1.27\n    container_name: app-api\n',
  },
  check(ctx) {
    const m = ctx.model;
    const taken = new Map<string, { service: string; line: number; profiles: string[] | null }>();
    for (const s of m.services) {
      const e = lookup(m, s, 'container_name');
      const value = e ? resolvedValue(m, e.value) : null;
      if (!e?.value || value === null || value === '') continue;
      const at = rangeOf(m, e.value);
      if (!VALID.test(value)) {
        ctx.report({
          at,
          messageId: 'invalid',
          data: { value },
          aliases: ['dclint:service-container-name-regex'],
        });
        continue;
      }
      const profiles = profilesOf(m, s);
      const other = taken.get(value);
      if (other && sameRun(other.profiles, profiles))
        ctx.report({
          at,
          messageId: 'duplicate',
          data: { value, other: other.service, line: other.line + 1 },
          aliases: ['dclint:no-duplicate-container-names'],
        });
      else if (!other) taken.set(value, { service: s.name, line: at.start.line, profiles });
    }
  },
});

/** Two services may run together unless both have profiles and share none. */
function sameRun(a: string[] | null, b: string[] | null): boolean {
  return !a || !b || a.some((p) => b.includes(p));
}
