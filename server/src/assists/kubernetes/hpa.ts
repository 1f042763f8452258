import type { FixSpec, Host } from '../../core/rule';
import type { TextEdit } from '../../core/text';
import { hpaLines, styleOf } from '../../fixes/kubernetes';
import { resourcesFix } from '../../fixes/kubernetes-resources';
import { deletePair, appendDocument } from '../../fixes/yaml';
import {
  entryAt,
  get,
  inNamespace,
  isFlowDocument,
  longRunning,
  mapAt,
  sameNamespace,
  str,
  workspaceView,
  type KubernetesModel,
  type Manifest,
} from '../../languages/kubernetes';

/**
 * "Add a HorizontalPodAutoscaler": the assist offered on a Deployment or StatefulSet, and the fix
 * `kubernetes/single-replica` offers. It lives beside the rules rather than in `languages/` because it
 * writes a policy (a default HPA), not a fact about the file.
 */

const SCALABLE = new Set(['Deployment', 'StatefulSet']);

/**
 * Whether an HPA scales a workload: one of the file, or with a host, one of the workspace's files of the
 * same application (see languages/kubernetes/workspace.ts).
 */
export function hpaFor(model: KubernetesModel, target: Manifest, host?: Host): boolean {
  const own = model.hpas.some(
    (h) =>
      sameNamespace(h, target) &&
      str(entryAt(h.root, 'spec', 'scaleTargetRef', 'kind')?.value) === target.kind &&
      str(entryAt(h.root, 'spec', 'scaleTargetRef', 'name')?.value) === target.name,
  );
  if (own || !host) return own;
  return (
    inNamespace(
      workspaceView(model, host),
      target.namespace,
      (o) => o.scaleTarget?.kind === target.kind && o.scaleTarget.name === target.name,
    ).length > 0
  );
}

/**
 * The edits that put a workload under an autoscaling/v2 HPA (3 to 10 replicas on CPU
 * and memory utilization), so that the result works and draws no other finding:
 *
 * - `replicas` is removed from the workload: with an HPA, every `kubectl apply` would reset the replica
 *   count to it and fight the autoscaler (and `replicas: 2` below `minReplicas: 3` reads as a mistake);
 * - containers that request no CPU or memory get starting requests and limits, because utilization is a
 *   share of the request and an HPA cannot scale a workload whose containers request nothing.
 */
export function addHpaFix(model: KubernetesModel, target: Manifest): FixSpec | undefined {
  if (!target.name) return undefined;
  // A JSON (flow-style) file would stop being JSON with a YAML document appended to it.
  if (model.documents.some(isFlowDocument)) return undefined;
  const doc = model.doc;
  const lines = hpaLines(
    { apiVersion: target.apiVersion, kind: target.kind, name: target.name, namespace: target.namespace },
    styleOf(doc),
  );
  const edits: TextEdit[] = [];
  const workload = model.workloads.find((w) => w.manifest === target);
  const replicas = workload?.spec ? get(workload.spec, 'replicas') : undefined;
  let removesReplicas = false;
  if (replicas && !replicas.merged) {
    const edit = deletePair(doc, replicas.pair);
    if (edit) {
      edits.push(edit);
      removesReplicas = true;
    }
  }
  let requests = false;
  for (const c of workload ? longRunning(workload) : []) {
    if (requests_(c.node, 'cpu') && requests_(c.node, 'memory')) continue;
    const more = resourcesFix(doc, c);
    if (!more) return undefined;
    edits.push(...more);
    requests = true;
  }
  edits.push(appendDocument(doc, lines));
  const also = [
    ...(removesReplicas ? ['remove `replicas`, which would fight it'] : []),
    ...(requests ? ['request the CPU and memory it scales on'] : []),
  ];
  return {
    title: `Add a HorizontalPodAutoscaler${also.map((a) => `; ${a}`).join('')}`,
    edits,
  };
}

/** Whether a container requests a resource; a limit alone counts (Kubernetes copies it to the request). */
function requests_(container: Parameters<typeof mapAt>[0], resource: 'cpu' | 'memory'): boolean {
  const has = (m: ReturnType<typeof mapAt>) => {
    const e = get(m, resource);
    return e !== undefined && e.value !== null;
  };
  return has(mapAt(container, 'resources', 'requests')) || has(mapAt(container, 'resources', 'limits'));
}

/** "Add a HorizontalPodAutoscaler" on a Deployment or StatefulSet that no HPA scales yet. */
export function hpaAssist(model: KubernetesModel, m: Manifest, host?: Host): FixSpec[] {
  if (m.group !== 'apps' || !SCALABLE.has(m.kind) || !m.name) return [];
  if (hpaFor(model, m, host)) return [];
  const fix = addHpaFix(model, m);
  return fix ? [fix] : [];
}
