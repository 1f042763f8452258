import { defineRule } from '../../core/rule';
import { addToMap, styleOf, yamlLines, type YValue } from '../../fixes/kubernetes';
import {
  containerLabel,
  containerPorts,
  containerRange,
  get,
  hasKeyLoosely,
  mapSelectorMatches,
  notSkipped,
  sameNamespace,
  stable,
  stringMap,
  type Container,
  type KubernetesModel,
  runsToCompletion,
} from '../../languages/kubernetes';
import type { TextDoc, TextEdit } from '../../core/text';

type Probe = 'liveness' | 'readiness';

const ALIASES: Record<Probe, readonly string[]> = {
  liveness: ['kube-linter:no-liveness-probe', 'polaris:livenessProbeMissing', 'checkov:CKV_K8S_8'],
  readiness: ['kube-linter:no-readiness-probe', 'polaris:readinessProbeMissing', 'checkov:CKV_K8S_9'],
};

/**
 * The probes the fix writes: GET /health, readiness after 5 s every 10 s, liveness every 30 s. A 30 s
 * liveness delay would cover start-up; a startup probe (every 10 s, up to 60 s) does that
 * job without delaying the detection of a hang, so a new liveness probe gets one instead of the delay
 * (`kubernetes/missing-startup-probe` reports the delay).
 */
export const PROBE_TIMINGS = {
  liveness: { periodSeconds: 30 },
  readiness: { initialDelaySeconds: 5, periodSeconds: 10 },
  startup: { periodSeconds: 10, failureThreshold: 6 },
} as const;

/** The port probes should use: the container's first declared port (its number, else its name). */
export function probePort(c: Container): number | string | undefined {
  const p = containerPorts(c)[0];
  return p?.number ?? p?.name;
}

export function probesFix(doc: TextDoc, c: Container, which: readonly Probe[]): TextEdit | undefined {
  const port = probePort(c);
  if (port === undefined) return undefined;
  const httpGet = { path: '/health', port };
  const block: Record<string, Record<string, YValue>> = {};
  if (which.includes('liveness') && !hasKeyLoosely(c.node, 'startupProbe'))
    block.startupProbe = { httpGet, ...PROBE_TIMINGS.startup };
  for (const p of which) block[`${p}Probe`] = { httpGet, ...PROBE_TIMINGS[p] };
  return addToMap(doc, c.node, yamlLines(block, styleOf(doc)));
}

export default defineRule<KubernetesModel>({
  id: 'kubernetes/missing-probes',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: [...ALIASES.liveness, ...ALIASES.readiness],
  fix: 'unsafe',
  messages: {
    both: '{container} has no liveness or readiness probe: a hung process is never restarted and traffic reaches pods before they are ready.',
    liveness: '{container} has no liveness probe: a hung process is never restarted.',
    readiness:
      '{container} has no readiness probe: traffic reaches its pods before they are ready, and during rollouts.',
  },
  docs: {
    summary: 'Long-running containers should have liveness and readiness probes.',
    rationale:
      'Without a liveness probe the kubelet only restarts a container whose process exits, not one that deadlocks; ' +
      'without a readiness probe a Service sends requests to a pod from the moment its process starts, so every ' +
      'rollout drops requests. Jobs, CronJobs and Pods with restartPolicy Never or OnFailure (they run to completion) and init containers are exempt, and a ' +
      'readiness probe is not asked of a container that declares no port and that no Service of the file selects ' +
      '(a queue worker receives no traffic to gate). The fix adds probes: `GET /health` on the ' +
      "container's first port, readiness after 5 s every 10 s, liveness every 30 s behind a startup probe that " +
      'allows 60 s to start (every 10 s, 6 times) instead of a fixed liveness delay; it is offered when the ' +
      'container declares a port.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    ports:\n    - containerPort: 8080\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    ports:\n    - containerPort: 8080\n    startupProbe:\n      httpGet:\n        path: /health\n        port: 8080\n      periodSeconds: 10\n      failureThreshold: 6\n    livenessProbe:\n      httpGet:\n        path: /health\n        port: 8080\n      periodSeconds: 30\n    readinessProbe:\n      httpGet:\n        path: /health\n        port: 8080\n      initialDelaySeconds: 5\n      periodSeconds: 10\n',
  },
  check(ctx) {
    const doc = ctx.doc;
    // Read once: files of hundreds of documents pair every workload with every Service.
    const selectors = ctx.model.services
      .map((s) => ({ s, sel: stringMap(get(get(s.root, 'spec')?.value, 'selector')?.value) }))
      .filter((x) => x.sel.size > 0);
    for (const w of ctx.model.workloads) {
      // A kustomize patch holds only what it changes: its probes may be in the object it patches.
      if (runsToCompletion(w) || w.manifest.partial) continue;
      const m = w.manifest;
      const selected = selectors.some(
        ({ s, sel }) => sameNamespace(s, m) && mapSelectorMatches(sel, w.podLabels),
      );
      for (const c of w.containers) {
        if (c.kind !== 'container') continue;
        const missing: Probe[] = [];
        if (!hasKeyLoosely(c.node, 'livenessProbe')) missing.push('liveness');
        if (!hasKeyLoosely(c.node, 'readinessProbe') && (selected || containerPorts(c).length > 0))
          missing.push('readiness');
        const reported = missing.filter((p) => notSkipped(m, ALIASES[p]).length === ALIASES[p].length);
        if (reported.length === 0) continue;
        ctx.report({
          at: containerRange(doc, c),
          messageId: reported.length === 2 ? 'both' : (reported[0] as Probe),
          aliases: reported.flatMap((p) => ALIASES[p]),
          data: { container: containerLabel(c) },
          fix: stable(m.document, () => {
            const edit = probesFix(doc, c, reported);
            const what = reported.length === 2 ? 'liveness and readiness probes' : `a ${reported[0]} probe`;
            const startup = reported.includes('liveness') && !hasKeyLoosely(c.node, 'startupProbe');
            return edit
              ? {
                  title: `Add ${what}${startup ? ' with a startup probe' : ''} (changes behaviour)`,
                  edits: [edit],
                }
              : undefined;
          }),
        });
      }
    }
  },
});
