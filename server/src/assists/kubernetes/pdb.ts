import type { FixSpec, Host } from '../../core/rule';
import { styleOf, yamlLines, type YValue } from '../../fixes/kubernetes';
import { appendDocument } from '../../fixes/yaml';
import {
  get,
  inNamespace,
  isFlowDocument,
  selectorOf,
  selects,
  workspaceView,
  type KubernetesModel,
  type Manifest,
  dns1123Subdomain,
} from '../../languages/kubernetes';

const REPLICATED = new Set(['Deployment', 'StatefulSet']);

/**
 * "Add a PodDisruptionBudget" on a Deployment or StatefulSet whose pods no PDB of the application covers:
 * `maxUnavailable: 1` over the workload's own selector, so a node drain takes its pods down one at a
 * time, and never blocks whatever the replica count (a `minAvailable` would block drains at low counts).
 */
export function pdbAssist(model: KubernetesModel, m: Manifest, host?: Host): FixSpec[] {
  const w = m.workload;
  if (!w || !REPLICATED.has(w.kind) || m.group !== 'apps' || !m.name) return [];
  if (model.documents.some(isFlowDocument)) return [];
  const selector = selectorOf(get(w.spec, 'selector')?.value);
  const labels = selector?.matchLabels ?? {};
  // Expressions are copied as they are only from matchLabels: a selector with expressions stays the user's.
  if (!selector || selector.matchExpressions.length > 0 || Object.keys(labels).length === 0) return [];
  const pods = Object.fromEntries(w.podLabels);
  // A selector that misses its own pods (kubernetes/selector-mismatch) is fixed first: a PDB on it protects nothing.
  if (!selects(selector, pods)) return [];
  const view = workspaceView(model, host ?? { exists: () => undefined });
  const covering = inNamespace(
    view,
    m.namespace,
    (o) => o.kind === 'PodDisruptionBudget' && o.selector !== undefined && selects(o.selector, pods),
  );
  if (covering.length > 0) return [];
  // A workload whose name the API server rejects is reported first; a PDB named after it would be too.
  if (dns1123Subdomain(`${m.name}-pdb`) !== undefined) return [];
  const metadata: { [k: string]: YValue } = { name: `${m.name}-pdb` };
  if (m.namespace) metadata.namespace = m.namespace;
  const lines = yamlLines(
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata,
      // AlwaysAllow: pods that never became ready do not block a node drain (the Kubernetes docs' advice).
      spec: {
        maxUnavailable: 1,
        selector: { matchLabels: labels },
        unhealthyPodEvictionPolicy: 'AlwaysAllow',
      },
    },
    styleOf(model.doc),
  );
  return [
    {
      title: 'Add a PodDisruptionBudget (one pod down at a time)',
      edits: [appendDocument(model.doc, lines)],
    },
  ];
}
