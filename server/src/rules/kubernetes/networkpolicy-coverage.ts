import { defineRule } from '../../core/rule';
import {
  bool,
  get,
  lookup,
  manifestRange,
  selects,
  workloadLabel,
  workspaceView,
  type KubernetesModel,
} from '../../languages/kubernetes';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/networkpolicy-coverage',
  language: 'kubernetes',
  severity: 'info',
  recommended: false,
  aliases: ['kube-linter:non-isolated-pod'],
  fix: null,
  messages: {
    open: '{workload}: no NetworkPolicy of its namespace selects its pods, while others there do: its pods accept traffic from anywhere.',
  },
  docs: {
    summary: 'Where an application isolates pods with NetworkPolicies, every workload should be covered.',
    rationale:
      'A pod no NetworkPolicy selects accepts traffic from every pod of the cluster. When the application ' +
      'already writes NetworkPolicies for its namespace, a workload none of them selects was usually forgotten ' +
      '(a new Deployment, a label changed). The rule speaks only when it can see the namespace’s policies: in ' +
      'the file, or in the workspace files of the same application; a namespace without any known policy says ' +
      'nothing (policies are often managed elsewhere, kube-linter reports every pod then). A policy with an ' +
      'empty `podSelector` covers every pod; pods on the host network (which policies do not reach) and kustomize ' +
      'patches are left alone. The severity is info, since an ' +
      'open workload (a public frontend) may be meant.',
    bad: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: db\nspec:\n  podSelector:\n    matchLabels:\n      app: db\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: api\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n      - name: api\n        image: registry.example.com/api:1.4.2\n',
    good: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\nspec:\n  podSelector: {}\n  policyTypes:\n  - Ingress\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n      - name: api\n        image: registry.example.com/api:1.4.2\n',
  },
  check(ctx) {
    const view = workspaceView(ctx.model, ctx.host);
    for (const w of ctx.model.workloads) {
      // NetworkPolicies do not apply to pods on the node's network: a policy would not change them.
      if (w.manifest.partial || bool(get(w.podSpec, 'hostNetwork')?.value) === true) continue;
      const { known, everywhere } = lookup(
        view,
        w.manifest.namespace,
        (o) => o.kind === 'NetworkPolicy' && (o.group === 'networking.k8s.io' || o.group === 'extensions'),
      );
      if (!known) continue;
      const labels = Object.fromEntries(w.podLabels);
      // A patched policy's selector may come from the object it patches; a policy without one selects all.
      if (everywhere.some((p) => p.partial || !p.selector || selects(p.selector, labels))) continue;
      ctx.report({
        at: manifestRange(ctx.doc, w.manifest),
        messageId: 'open',
        data: { workload: workloadLabel(w) },
      });
    }
  },
});
