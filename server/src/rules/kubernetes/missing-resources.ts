import { defineRule } from '../../core/rule';
import { resourcesFix } from '../../fixes/kubernetes-resources';
import {
  containerLabel,
  containerRange,
  get,
  hasKeyLoosely,
  keyRange,
  longRunning,
  mapAt,
  notSkipped,
  stable,
  type Container,
  type KubernetesModel,
} from '../../languages/kubernetes';

type Item = 'CPU request' | 'memory request' | 'memory limit' | 'CPU limit';

/** The same checks in other tools, per missing setting. */
const ALIASES: Record<Item, readonly string[]> = {
  'CPU request': ['kube-linter:unset-cpu-requirements', 'polaris:cpuRequestsMissing', 'checkov:CKV_K8S_10', 'trivy:KSV015'],
  'memory request': ['polaris:memoryRequestsMissing', 'checkov:CKV_K8S_12', 'trivy:KSV016'],
  'memory limit': ['kube-linter:unset-memory-requirements', 'polaris:memoryLimitsMissing', 'checkov:CKV_K8S_13', 'trivy:KSV018'],
  'CPU limit': ['polaris:cpuLimitsMissing', 'checkov:CKV_K8S_11', 'trivy:KSV011'],
}; // prettier-ignore

export { DEFAULT_RESOURCES } from '../../fixes/kubernetes-resources';

function missingItems(c: Container): Item[] {
  const requests = mapAt(c.node, 'resources', 'requests');
  const limits = mapAt(c.node, 'resources', 'limits');
  const has = (m: typeof requests, k: string) => get(m, k) !== undefined && get(m, k)?.value !== null;
  const out: Item[] = [];
  // A limit without a request sets the request to the limit, so only a missing pair is missing.
  if (!has(requests, 'cpu') && !has(limits, 'cpu')) out.push('CPU request');
  if (!has(requests, 'memory') && !has(limits, 'memory')) out.push('memory request');
  if (!has(limits, 'memory')) out.push('memory limit');
  if (!has(limits, 'cpu')) out.push('CPU limit');
  return out;
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

export default defineRule<KubernetesModel>({
  id: 'kubernetes/missing-resources',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: [
    ...ALIASES['CPU request'],
    ...ALIASES['memory request'],
    ...ALIASES['memory limit'],
    ...ALIASES['CPU limit'],
  ],
  fix: 'unsafe',
  messages: {
    none: '{container} sets no resource requests or limits: the scheduler places it blind and nothing bounds its memory.',
    some: '{container} sets no {missing}.',
  },
  docs: {
    summary: 'Containers should request CPU and memory and limit memory.',
    rationale:
      'Without requests the scheduler places a pod as if it needed nothing, so a node fills with pods that then ' +
      'starve each other, and an HPA cannot compute utilization. Without a memory limit one leaking container can ' +
      "take the node's memory and get other pods evicted. A missing CPU limit alone is reported as info: CPU is " +
      'throttled rather than exhausted, and many teams leave it unset on purpose. A limit without a request counts ' +
      'as both (Kubernetes copies it). Init containers that run to completion are exempt (the scheduler reserves ' +
      "the larger of theirs and the app's); native sidecars are checked. The fix adds starting values (requests " +
      '512Mi / 500m, limits 2Gi / 2000m), to be tuned. Annotations that skip one of the matching checks of ' +
      'kube-linter, Polaris or Checkov leave that setting out of the finding.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    resources:\n      requests:\n        memory: "512Mi"\n        cpu: "500m"\n      limits:\n        memory: "2Gi"\n        cpu: "2000m"\n',
  },
  check(ctx) {
    const doc = ctx.doc;
    for (const w of ctx.model.workloads)
      for (const c of longRunning(w)) {
        const m = w.manifest;
        // A kustomize patch holds only what it changes: its resources may be in the object it patches.
        if (m.partial) continue;
        // A misspelt `Resources` key is the schema rule's finding.
        if (!get(c.node, 'resources') && hasKeyLoosely(c.node, 'resources')) continue;
        const items = missingItems(c).filter((i) => notSkipped(m, ALIASES[i]).length === ALIASES[i].length);
        if (items.length === 0) continue;
        const resources = get(c.node, 'resources');
        const none = items.length === 4;
        ctx.report({
          at: resources ? keyRange(doc, resources) : containerRange(doc, c),
          messageId: none ? 'none' : 'some',
          severity: items.length === 1 && items[0] === 'CPU limit' ? 'info' : undefined,
          aliases: items.flatMap((i) => ALIASES[i]),
          data: { container: containerLabel(c), missing: list(items) },
          fix: stable(m.document, () => {
            const edits = resourcesFix(doc, c);
            return edits
              ? {
                  title: 'Add resource requests and limits (changes behaviour: scheduling and memory cap)',
                  edits,
                }
              : undefined;
          }),
        });
      }
  },
});
