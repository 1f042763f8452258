import { defineRule } from '../../core/rule';
import {
  get,
  manifestRange,
  rangeOf,
  str,
  workloadLabel,
  type KubernetesModel,
} from '../../languages/kubernetes';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/default-service-account',
  language: 'kubernetes',
  severity: 'info',
  recommended: false,
  defaultOff: true,
  aliases: ['kube-linter:default-service-account'],
  fix: null,
  messages: {
    default:
      "{workload} runs as the namespace's default ServiceAccount: every pod without its own account shares its permissions. Give it a ServiceAccount of its own.",
  },
  docs: {
    summary: 'Workloads should run under a ServiceAccount of their own, not the namespace default.',
    rationale:
      'Permissions granted to `default` — by a chart that needed them once — reach every pod of the namespace ' +
      'that names no account. A ServiceAccount per workload keeps RBAC grants and cloud identities (IRSA, ' +
      'Workload Identity) to the pods that need them. Off by default: most small apps never grant `default` ' +
      'anything. Quiet for kustomize patches.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  serviceAccountName: api\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n',
  },
  check(ctx) {
    for (const w of ctx.model.workloads) {
      if (w.manifest.partial || !w.podSpec) continue;
      const e = get(w.podSpec, 'serviceAccountName') ?? get(w.podSpec, 'serviceAccount');
      const name = str(e?.value);
      if (name && name !== 'default') continue;
      ctx.report({
        at: e ? rangeOf(ctx.doc, e) : manifestRange(ctx.doc, w.manifest),
        messageId: 'default',
        data: { workload: workloadLabel(w) },
      });
    }
  },
});
