import type { FixSpec, Host } from '../../core/rule';
import { comparePositions, type Range } from '../../core/text';
import type { KubernetesModel, Manifest } from '../../languages/kubernetes';
import { envConfigAssists } from './env-config';
import { hpaAssist } from './hpa';
import { networkPolicyAssist } from './network-policy';
import { pdbAssist } from './pdb';
import { topologySpreadAssist } from './topology-spread';

/**
 * The object the cursor is in. Documents touch (one ends where the next begins), so the last document
 * starting at or before the cursor is the one it is in.
 */
export function manifestAt(model: KubernetesModel, range: Range): Manifest | undefined {
  const doc = model.doc;
  let m: Manifest | undefined;
  for (const x of model.manifests) {
    const start = doc.positionAt(x.document.start);
    const end = doc.positionAt(x.document.end);
    if (comparePositions(start, range.start) <= 0 && comparePositions(range.end, end) <= 0) m = x;
  }
  return m;
}

/**
 * Refactorings offered where the cursor is, each only where it adds something the application (the file
 * and, with a host, its other files) does not have yet: an HPA, a PodDisruptionBudget, a spread of the
 * replicas over nodes, NetworkPolicies for a Service, literal env values moved into a ConfigMap or Secret.
 * Kustomize patches get none: the object they patch may have it already.
 */
export function kubernetesAssists(model: KubernetesModel, range: Range, ctx?: { host: Host }): FixSpec[] {
  const m = manifestAt(model, range);
  if (!m || m.partial) return [];
  const host = ctx?.host;
  return [
    ...hpaAssist(model, m, host),
    ...pdbAssist(model, m, host),
    ...topologySpreadAssist(model, m),
    ...networkPolicyAssist(model, m, host),
    ...envConfigAssists(model, m, range),
  ];
}
