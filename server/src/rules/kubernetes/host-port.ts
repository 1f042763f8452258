import { defineRule } from '../../core/rule';
import { deletePair } from '../../fixes/yaml';
import {
  containerLabel,
  get,
  items,
  num,
  rangeOf,
  stable,
  type KubernetesModel,
} from '../../languages/kubernetes';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/host-port',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: ['polaris:hostPortSet', 'checkov:CKV_K8S_26', 'trivy:KSV024'],
  fix: 'unsafe',
  messages: {
    hostPort:
      "{container} binds port {port} on the node (hostPort): it bypasses NetworkPolicies, limits the pod to one per node and exposes it on the node's address. Use a Service.",
  },
  docs: {
    summary: 'Containers should not bind ports on the node (hostPort).',
    rationale:
      "A hostPort opens the port on every node's address the pod lands on: traffic reaches the pod without " +
      'going through a Service or most NetworkPolicy implementations, two replicas cannot share a node, and the ' +
      'pod becomes reachable from wherever the node is. A Service (NodePort or LoadBalancer when it must be ' +
      'reached from outside) does this properly. Node agents run as DaemonSets sometimes need it: there the ' +
      'finding is info. The fix removes `hostPort`, which changes how the port is reached.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    ports:\n    - containerPort: 80\n      hostPort: 80\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    ports:\n    - containerPort: 80\n',
  },
  check(ctx) {
    for (const w of ctx.model.workloads)
      for (const c of w.containers)
        for (const p of items(get(c.node, 'ports')?.value)) {
          const e = get(p, 'hostPort');
          const port = num(e?.value);
          if (!e || !port) continue;
          ctx.report({
            at: rangeOf(ctx.doc, e),
            messageId: 'hostPort',
            severity: w.kind === 'DaemonSet' ? 'info' : undefined,
            data: { container: containerLabel(c), port },
            fix: stable(w.manifest.document, () => {
              const edit = deletePair(ctx.doc, e.pair);
              return edit ? { title: 'Remove hostPort (changes behaviour)', edits: [edit] } : undefined;
            }),
          });
        }
  },
});
