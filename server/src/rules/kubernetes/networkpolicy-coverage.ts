import type { IndexedObject } from '../../core/kubernetes-index';
import { defineRule } from '../../core/rule';
import {
  bool,
  get,
  isWorkload,
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
      'the file, or in the workspace files of the same application (policies of another file count when one of ' +
      'them selects pods of a file other than its own, so a folder of unrelated examples is not one ' +
      'application); a namespace without any known policy says ' +
      'nothing (policies are often managed elsewhere, kube-linter reports every pod then). A policy with an ' +
      'empty `podSelector` covers every pod. When one of the policies selects no workload at all, its selector is ' +
      'the likelier mistake (kubernetes/networkpolicy-selector reports it) and this rule stays quiet. Pods on the host network (which policies do not reach) and kustomize ' +
      'patches are left alone. The severity is info, since an ' +
      'open workload (a public frontend) may be meant.',
    bad: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: db\nspec:\n  podSelector:\n    matchLabels:\n      app: db\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: api\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n      - name: api\n        image: registry.example.com/api:1.4.2\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: db\n  labels:\n    app: db\nspec:\n  containers:\n  - name: db\n    image: registry.example.com/db:16.4\n',
    good: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\nspec:\n  podSelector: {}\n  policyTypes:\n  - Ingress\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n      - name: api\n        image: registry.example.com/api:1.4.2\n',
  },
  check(ctx) {
    const view = workspaceView(ctx.model, ctx.host);
    for (const w of ctx.model.workloads) {
      // NetworkPolicies do not apply to pods on the node's network: a policy would not change them.
      if (w.manifest.partial || bool(get(w.podSpec, 'hostNetwork')?.value) === true) continue;
      const { found, known, everywhere } = lookup(
        view,
        w.manifest.namespace,
        (o) => o.kind === 'NetworkPolicy' && (o.group === 'networking.k8s.io' || o.group === 'extensions'),
      );
      if (!known) continue;
      const labels = Object.fromEntries(w.podLabels);
      // A patched policy's selector may come from the object it patches; a policy without one selects all.
      if (everywhere.some((p) => p.partial || !p.selector || selects(p.selector, labels))) continue;
      // A policy that selects no workload at all is likelier the mistake (kubernetes/networkpolicy-selector
      // reports its selector) than this workload forgotten: one typo is reported once.
      const pods = lookup(view, w.manifest.namespace, (o) => isWorkload(o) && !o.partial);
      const picks = (p: IndexedObject, o: IndexedObject) =>
        p.selector !== undefined && selects(p.selector, o.podLabels ?? {});
      if (found.some((p) => !pods.everywhere.some((o) => picks(p, o)))) continue;
      // Policies of another file count when written for this application's pods: one of them selects
      // pods of a file other than its own. A folder of unrelated examples (each file with its own policy
      // and workloads) is not one application.
      if (
        !found.some((p) => p.file === view.file || pods.found.some((o) => o.file !== p.file && picks(p, o)))
      )
        continue;
      ctx.report({
        at: manifestRange(ctx.doc, w.manifest),
        messageId: 'open',
        data: { workload: workloadLabel(w) },
      });
    }
  },
});
