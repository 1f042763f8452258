import { defineRule } from '../../core/rule';
import {
  isByteSize,
  mapAt,
  rangeOf,
  resolved,
  scalarAt,
  scalarIn,
  type ComposeModel,
} from '../../languages/compose';

const GROUPS: readonly { parent: readonly string[]; keys: readonly string[] }[] = [
  { parent: [], keys: ['mem_limit', 'mem_reservation', 'memswap_limit', 'shm_size'] },
  { parent: ['build'], keys: ['shm_size'] },
  { parent: ['deploy', 'resources', 'limits'], keys: ['memory'] },
  { parent: ['deploy', 'resources', 'reservations'], keys: ['memory'] },
];

export default defineRule<ComposeModel>({
  id: 'compose/invalid-size',
  language: 'compose',
  severity: 'error',
  recommended: true,
  aliases: [],
  fix: null,
  messages: {
    invalid:
      '`{key}: {value}` is not a size: Compose expects a number with an optional unit, such as `512m`, `2g` or `1.5GB`.',
  },
  docs: {
    summary: 'Memory and shared-memory sizes must be a number with an optional unit: `512m`, `2g`, `1GiB`.',
    rationale:
      'Compose reads `mem_limit`, `mem_reservation`, `memswap_limit`, `shm_size` and `deploy.resources.*.memory` ' +
      "with Docker's `RAMInBytes`, and `docker compose config` fails on `2 gigabytes`, `2gbs` or `1,5g`. The " +
      'schema only asks for a string. Accepted: digits, an optional decimal part, and `b`, `k`, `m`, `g`, `t` or ' +
      '`p` with an optional `i` and `b` (`512m`, `2GiB`, `1.5g`); a plain number is bytes. Values built from ' +
      'variables are checked once `.env` resolves them, else left alone. There is no fix: the intended size is ' +
      'not knowable from a malformed one.',
    bad: 'services:\n  web:\n    image: nginx:1.27\n    mem_limit: 2 gigabytes\n',
    good: 'services:\n  web:\n    image: nginx:1.27\n    mem_limit: 2g\n',
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
          if (!r || r.unresolved || isByteSize(r.value.trim())) continue;
          ctx.report({ at: rangeOf(m, node), messageId: 'invalid', data: { key, value: node.value } });
        }
      }
  },
});
