import { defineRule, type FixSpec } from '../../core/rule';
import {
  entryAt,
  expectsComplete,
  imageOf,
  lookup,
  scalarAt,
  serviceKind,
  serviceRange,
  setElsewhere,
  type ComposeModel,
  type ComposeService,
} from '../../languages/compose';
import { addToService, addUnderEntry, ownEntry, type Block } from '../../fixes/compose';
import { withTabStops } from '../../fixes/text';
import type { Entry } from '../../languages/yaml/model';

interface Sizing {
  limits: { cpus: string; memory: string };
  reservations: { cpus: string; memory: string };
}

/**
 * Limits that start on any host: Docker refuses to create a container whose `cpus` exceeds the host's CPU
 * count ("range of CPUs is from 0.01 to N.00, as there are only N CPUs available", moby
 * daemon/daemon_unix.go), so no service gets more than one CPU, which every host has; typical memory
 * sizes (databases 2G, caches 1G, other services 2G), reservations half of the limits. They are starting
 * points: the values are tab stops in editors that accept snippet edits.
 */
function sizing(model: ComposeModel, service: ComposeService): Sizing {
  const kind = serviceKind(imageOf(model, service));
  if (kind === 'redis')
    return { limits: { cpus: '1.0', memory: '1G' }, reservations: { cpus: '0.5', memory: '512M' } };
  return { limits: { cpus: '1.0', memory: '2G' }, reservations: { cpus: '0.5', memory: '1G' } };
}

/** The values of the lines the fix writes, as tab stops. */
const VALUES = /(?<=(?:cpus|memory|mem_limit): "?)[0-9][0-9.]*[A-Za-z]?/g;

export default defineRule<ComposeModel>({
  id: 'compose/resource-limits',
  language: 'compose',
  severity: 'info',
  recommended: true,
  aliases: ['kics:memory_not_limited', 'kics:cpus_not_limited'],
  fix: 'unsafe',
  messages: {
    both: 'Service `{name}` has no memory or CPU limit: one leaking or busy container can starve the whole host.',
    memory:
      'Service `{name}` has no memory limit: a leak grows until the kernel kills something, maybe another service.',
    cpus: 'Service `{name}` has no CPU limit: a busy loop can take every core of the host.',
  },
  docs: {
    summary: 'Services should set memory and CPU limits (`deploy.resources.limits`).',
    rationale:
      "Without limits a container may use all of the host's memory and CPU: a leak or a hot loop in one service " +
      'degrades or kills the others. Production stacks set limits and reservations on every service. Either ' +
      'form counts: `deploy.resources.limits.memory`/`cpus`, or the older `mem_limit`/`cpus` keys, also when they ' +
      'come from an anchor through a merge key or from a service this one `extends`. Override files and services ' +
      'extending one in another file are skipped, since the main file may set them. The fix adds limits and ' +
      'reservations that start on any host: one CPU (Docker refuses to start a container whose `cpus` exceeds the ' +
      "host's CPU count) and a typical service's memory (caches 1G, other services 2G), reservations half of that. Limits " +
      'change how the service behaves under load, so adjust them to what it needs: editors that accept snippet ' +
      'edits put the cursor on each value in turn.',
    bad: 'services:\n  api:\n    image: nginx:1.27\n',
    good:
      'services:\n  api:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          cpus: "1.0"\n' +
      '          memory: 2G\n        reservations:\n          cpus: "0.5"\n          memory: 1G\n',
  },
  check(ctx) {
    const m = ctx.model;
    for (const s of m.services) {
      if (!expectsComplete(m, s)) continue;
      const legacyMemory = lookup(m, s, 'mem_limit');
      const legacyCpus = lookup(m, s, 'cpus') ?? lookup(m, s, 'cpu_quota') ?? lookup(m, s, 'cpu_count');
      const hasMemory = !!legacyMemory || !!scalarAt(m, s, ['deploy', 'resources', 'limits', 'memory']);
      const hasCpus = !!legacyCpus || !!scalarAt(m, s, ['deploy', 'resources', 'limits', 'cpus']);
      if (hasMemory && hasCpus) continue;
      if (setElsewhere(m, ctx.host, s.name, ['deploy', 'mem_limit', 'cpus', 'cpu_quota', 'cpu_count']))
        continue;
      const messageId = !hasMemory && !hasCpus ? 'both' : !hasMemory ? 'memory' : 'cpus';
      const build = (): FixSpec | undefined => {
        const size = sizing(m, s);
        const title = 'Add CPU and memory limits and reservations (changes behaviour: the service is capped)';
        // A file that uses the service-level keys gets the missing one in the same style.
        if (legacyMemory || legacyCpus) {
          const line = legacyMemory
            ? `cpus: "${size.limits.cpus}"`
            : `mem_limit: ${size.limits.memory.toLowerCase()}`;
          const edit = addToService(m, s, [line]);
          return edit
            ? {
                title: `Add ${legacyMemory ? 'a CPU' : 'a memory'} limit (changes behaviour: the service is capped)`,
                edits: [edit],
              }
            : undefined;
        }
        const pair = (k: { cpus: string; memory: string }, missing: ('cpus' | 'memory')[]): string[] =>
          missing.map((x) => (x === 'cpus' ? `cpus: "${k.cpus}"` : `memory: ${k.memory}`));
        const limits: Block = ['limits:', pair(size.limits, ['cpus', 'memory'])];
        const reservations: Block = ['reservations:', pair(size.reservations, ['cpus', 'memory'])];
        const deploy = ownEntry(s, 'deploy');
        if (!deploy) {
          if (s.get('deploy')) return undefined;
          const edit = addToService(m, s, ['deploy:', ['resources:', [...limits, ...reservations]]]);
          return edit ? { title, edits: [edit] } : undefined;
        }
        const resources = own(entryAt(deploy.value, 'resources'));
        if (!resources) {
          if (entryAt(deploy.value, 'resources')) return undefined;
          const edit = addUnderEntry(m, deploy, ['resources:', [...limits, ...reservations]]);
          return edit ? { title, edits: [edit] } : undefined;
        }
        const limitsEntry = own(entryAt(resources.value, 'limits'));
        if (!limitsEntry) {
          if (entryAt(resources.value, 'limits')) return undefined;
          const block = entryAt(resources.value, 'reservations') ? limits : [...limits, ...reservations];
          const edit = addUnderEntry(m, resources, block);
          return edit ? { title, edits: [edit] } : undefined;
        }
        const missing: ('cpus' | 'memory')[] = [];
        if (!hasCpus) missing.push('cpus');
        if (!hasMemory) missing.push('memory');
        const edit = addUnderEntry(m, limitsEntry, pair(size.limits, missing));
        return edit
          ? { title: `Add the missing limit (changes behaviour: the service is capped)`, edits: [edit] }
          : undefined;
      };
      ctx.report({
        at: serviceRange(m, s),
        messageId,
        data: { name: s.name },
        fix: () => {
          const spec = build();
          return spec && { ...spec, edits: spec.edits.map((e) => withTabStops(e, VALUES)) };
        },
      });
    }
  },
});

function own(e: Entry | undefined): Entry | undefined {
  return e && !e.merged ? e : undefined;
}
