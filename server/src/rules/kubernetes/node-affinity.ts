import { defineRule } from '../../core/rule';
import { entryAt, get, manifestRange, workloadLabel, type KubernetesModel } from '../../languages/kubernetes';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/node-affinity',
  language: 'kubernetes',
  severity: 'info',
  recommended: false,
  defaultOff: true,
  aliases: ['kube-linter:no-node-affinity'],
  fix: null,
  messages: {
    unset:
      '{workload} says nothing about the nodes its pods may run on (no nodeAffinity or nodeSelector): they go wherever the scheduler finds room.',
  },
  docs: {
    summary:
      'Workloads should choose their nodes (nodeAffinity or nodeSelector) where the cluster has pools (opt-in).',
    rationale:
      'Clusters with node pools (GPU, spot, arm64, a pool per team) need each workload to say where it belongs, ' +
      'or its pods land on whatever node has room. Clusters of one pool do not care, so the rule is off by ' +
      'default. A `nodeSelector` counts as a choice (kube-linter asks for `affinity.nodeAffinity` only). ' +
      'DaemonSets, which run on every node by design, and kustomize patches are left alone. No fix: the ' +
      'node labels are the cluster’s.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  nodeSelector:\n    kubernetes.io/arch: amd64\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n',
  },
  check(ctx) {
    for (const w of ctx.model.workloads) {
      if (w.kind === 'DaemonSet' || w.manifest.partial || !w.podSpec) continue;
      if (entryAt(w.podSpec, 'affinity', 'nodeAffinity') || get(w.podSpec, 'nodeSelector')) continue;
      ctx.report({
        at: manifestRange(ctx.doc, w.manifest),
        messageId: 'unset',
        data: { workload: workloadLabel(w) },
      });
    }
  },
});
