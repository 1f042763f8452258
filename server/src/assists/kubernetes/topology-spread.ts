import type { FixSpec } from '../../core/rule';
import { addToMap, styleOf, yamlLines } from '../../fixes/kubernetes';
import {
  entryAt,
  get,
  isFlowDocument,
  num,
  selectorOf,
  selects,
  type KubernetesModel,
  type Manifest,
} from '../../languages/kubernetes';

const REPLICATED = new Set(['Deployment', 'StatefulSet']);

/**
 * "Spread replicas across nodes": a topology spread constraint over `kubernetes.io/hostname` with the
 * workload's own selector, so the scheduler puts its replicas on different nodes and one node's failure
 * takes down one of them, not all. `ScheduleAnyway` keeps it a preference: pods still schedule on a
 * cluster with fewer nodes than replicas. Offered on a Deployment or StatefulSet of more than one replica
 * (or none written) that neither spreads nor has pod anti-affinity yet.
 */
export function topologySpreadAssist(model: KubernetesModel, m: Manifest): FixSpec[] {
  const w = m.workload;
  if (!w || !REPLICATED.has(w.kind) || m.group !== 'apps' || !w.podSpec || w.podSpec.flow) return [];
  if (isFlowDocument(m.document) || m.document.problems.some((p) => p.severity === 'error')) return [];
  const replicas = num(get(w.spec, 'replicas')?.value);
  if (replicas !== undefined && replicas < 2) return [];
  if (get(w.podSpec, 'topologySpreadConstraints') || entryAt(w.podSpec, 'affinity', 'podAntiAffinity'))
    return [];
  const selector = selectorOf(get(w.spec, 'selector')?.value);
  if (!selector || selector.matchExpressions.length > 0 || Object.keys(selector.matchLabels).length === 0)
    return [];
  // A selector that misses its own pods (kubernetes/selector-mismatch) would spread nothing.
  if (!selects(selector, Object.fromEntries(w.podLabels))) return [];
  const lines = yamlLines(
    {
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: 'kubernetes.io/hostname',
          whenUnsatisfiable: 'ScheduleAnyway',
          labelSelector: { matchLabels: selector.matchLabels },
        },
      ],
    },
    styleOf(model.doc),
  );
  const edit = addToMap(model.doc, w.podSpec, lines);
  return edit ? [{ title: 'Spread replicas across nodes (topologySpreadConstraints)', edits: [edit] }] : [];
}
