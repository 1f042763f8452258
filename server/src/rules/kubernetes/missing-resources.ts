import { defineRule } from '../../core/rule';
import { addToEntry, addToMap, styleOf, yamlLines, type YValue } from '../../fixes/kubernetes';
import {
  containerLabel,
  containerRange,
  get,
  hasKeyLoosely,
  keyRange,
  longRunning,
  mapAt,
  notSkipped,
  quantityValue,
  stable,
  str,
  type Container,
  type KubernetesModel,
} from '../../languages/kubernetes';
import type { TextDoc, TextEdit } from '../../core/text';

type Item = 'CPU request' | 'memory request' | 'memory limit' | 'CPU limit';

/** The same checks in other tools, per missing setting. */
const ALIASES: Record<Item, readonly string[]> = {
  'CPU request': ['kube-linter:unset-cpu-requirements', 'polaris:cpuRequestsMissing', 'checkov:CKV_K8S_10', 'trivy:KSV015'],
  'memory request': ['polaris:memoryRequestsMissing', 'checkov:CKV_K8S_12', 'trivy:KSV016'],
  'memory limit': ['kube-linter:unset-memory-requirements', 'polaris:memoryLimitsMissing', 'checkov:CKV_K8S_13', 'trivy:KSV018'],
  'CPU limit': ['polaris:cpuLimitsMissing', 'checkov:CKV_K8S_11', 'trivy:KSV011'],
}; // prettier-ignore

/** The seeds' values: requests 512Mi / 500m, limits 2Gi / 2000m. */
export const DEFAULT_RESOURCES = {
  requests: { memory: '512Mi', cpu: '500m' },
  limits: { memory: '2Gi', cpu: '2000m' },
} as const;

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

/** Adds the missing requests and limits with the seed values (a limit never below its request). */
export function resourcesFix(doc: TextDoc, c: Container): TextEdit[] | undefined {
  const style = styleOf(doc);
  const resources = get(c.node, 'resources');
  const requests = mapAt(c.node, 'resources', 'requests');
  const limits = mapAt(c.node, 'resources', 'limits');
  const want: { requests: Record<string, YValue>; limits: Record<string, YValue> } = {
    requests: {},
    limits: {},
  };
  for (const r of ['memory', 'cpu'] as const) {
    const req = get(requests, r);
    const lim = get(limits, r);
    if (!req && !lim) want.requests[r] = DEFAULT_RESOURCES.requests[r];
    if (!lim) {
      const reqValue = quantityValue(str(req?.value));
      const def = DEFAULT_RESOURCES.limits[r];
      want.limits[r] =
        reqValue !== undefined && reqValue > (quantityValue(def) ?? 0) ? (str(req?.value) ?? def) : def;
    }
  }
  const blocks: Record<string, YValue> = {};
  if (Object.keys(want.requests).length) blocks.requests = want.requests;
  if (Object.keys(want.limits).length) blocks.limits = want.limits;
  const one = (e: TextEdit | undefined) => (e ? [e] : undefined);
  if (!resources) return one(addToMap(doc, c.node, yamlLines({ resources: blocks }, style)));
  const resourcesMap = mapAt(c.node, 'resources');
  if (!resourcesMap || resourcesMap.items.length === 0)
    return one(addToEntry(doc, resources, yamlLines(blocks, style)));
  if (resourcesMap.flow) return undefined;
  // Entries go into the sub-maps that exist; a sub-map that does not is added whole.
  // Entries added to an existing sub-map come before whole new sub-maps: both can be inserted at the end
  // of the resources block, and the entries must stay under their own key.
  const into: TextEdit[] = [];
  const blocksAdded: TextEdit[] = [];
  for (const key of ['requests', 'limits'] as const) {
    const values = want[key];
    if (Object.keys(values).length === 0) continue;
    const entry = get(resourcesMap, key);
    const e = entry
      ? addToEntry(doc, entry, yamlLines(values, style))
      : addToMap(doc, resourcesMap, yamlLines({ [key]: values }, style));
    if (!e) return undefined;
    (entry ? into : blocksAdded).push(e);
  }
  const edits = [...into, ...blocksAdded];
  return edits.length ? edits : undefined;
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
      "the larger of theirs and the app's); native sidecars are checked. The fix adds the seeds' values (requests " +
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
