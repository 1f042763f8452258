import type { TextDoc, TextEdit } from '../core/text';
import { get, mapAt, type Workload } from '../languages/kubernetes';
import { addToMap, styleOf, yamlLines } from './kubernetes';

/**
 * Adds a topologySpreadConstraint over `kubernetes.io/hostname` for the workload's own pods, so that its
 * replicas land on different nodes when they can (ScheduleAnyway: never blocks scheduling). Undefined
 * when the pods already spread (a constraint or pod anti-affinity) or have no labels to select them by.
 */
export function addTopologySpread(doc: TextDoc, w: Workload): TextEdit | undefined {
  const podSpec = w.podSpec;
  if (!podSpec || w.podLabels.size === 0) return undefined;
  if (get(podSpec, 'topologySpreadConstraints') || mapAt(podSpec, 'affinity', 'podAntiAffinity'))
    return undefined;
  const constraint = {
    maxSkew: 1,
    topologyKey: 'kubernetes.io/hostname',
    whenUnsatisfiable: 'ScheduleAnyway',
    labelSelector: { matchLabels: Object.fromEntries(w.podLabels) },
  };
  return addToMap(doc, podSpec, yamlLines({ topologySpreadConstraints: [constraint] }, styleOf(doc)));
}
