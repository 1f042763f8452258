import { defineRule } from '../../core/rule';
import {
  isDuration,
  mapAt,
  rangeOf,
  resolved,
  scalarAt,
  scalarIn,
  type ComposeModel,
} from '../../languages/compose';

const GROUPS: readonly { parent: readonly string[]; keys: readonly string[] }[] = [
  { parent: ['healthcheck'], keys: ['interval', 'timeout', 'start_period', 'start_interval'] },
  { parent: [], keys: ['stop_grace_period'] },
  { parent: ['deploy', 'restart_policy'], keys: ['delay', 'window'] },
  { parent: ['deploy', 'update_config'], keys: ['delay', 'monitor'] },
  { parent: ['deploy', 'rollback_config'], keys: ['delay', 'monitor'] },
];

export default defineRule<ComposeModel>({
  id: 'compose/invalid-duration',
  language: 'compose',
  severity: 'error',
  recommended: true,
  aliases: [],
  fix: 'unsafe',
  messages: {
    invalid:
      '`{key}: {value}` is not a duration: Compose expects a number with a unit, such as `30s`, `1m30s`, `500ms` or `1d`.',
  },
  docs: {
    summary:
      'Durations (health-check timings, `stop_grace_period`, deploy delays) need a unit: `30s`, `1m30s`, `500ms`.',
    rationale:
      "Compose reads durations with go-str2duration (Go's `time.ParseDuration` plus days and weeks), and " +
      '`docker compose config` fails on `"30"`, ' +
      '`"30 s"` or `"1min"` with "time: missing unit in duration". The schema only asks for a string, so the ' +
      'mistake survives until the command runs. Valid forms are digits with `ns`, `us`, `ms`, `s`, `m`, `h`, `d` ' +
      'or `w`, combined (`1h30m`, `1w2d`) or fractional (`1.5s`), and `0`. Values built from variables are checked once `.env` ' +
      'resolves them, else left alone. For a bare number the fix appends `s`, the unit health checks are ' +
      'written in; that is a guess about what you meant, so it is offered as a behaviour change.',
    bad: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost/"]\n      interval: "30"\n',
    good: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost/"]\n      interval: 30s\n',
  },
  check(ctx) {
    const m = ctx.model;
    const seen = new Set<unknown>();
    for (const s of m.services)
      for (const { parent, keys } of GROUPS) {
        const map = parent.length ? mapAt(m, s, parent) : undefined;
        if (parent.length && !map) continue;
        for (const key of keys) {
          const node = map ? scalarIn(map, key) : scalarAt(m, s, [key]);
          if (!node || typeof node.value !== 'string' || seen.has(node)) continue;
          seen.add(node);
          const r = resolved(m, node);
          if (!r || r.unresolved || isDuration(r.value)) continue;
          const value = node.value;
          const at = rangeOf(m, node);
          ctx.report({
            at,
            messageId: 'invalid',
            data: { key, value },
            fix: /^\d+$/.test(value)
              ? () => ({
                  title: `Read it as \`${value}s\` (changes behaviour)`,
                  edits: [{ range: at, newText: `${value}s` }],
                })
              : undefined,
          });
        }
      }
  },
});
