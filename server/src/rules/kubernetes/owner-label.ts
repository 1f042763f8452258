import { defineRule } from '../../core/rule';
import {
  get,
  keyRange,
  manifestRange,
  workloadLabel,
  type KubernetesModel,
} from '../../languages/kubernetes';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/owner-label',
  language: 'kubernetes',
  severity: 'info',
  recommended: false,
  defaultOff: true,
  aliases: ['kube-linter:required-label-owner'],
  fix: null,
  messages: {
    missing:
      '{workload} has no owner label (a label whose key contains "owner"): who is paged when it breaks?',
  },
  docs: {
    summary: 'Workloads should carry an owner label (opt-in).',
    rationale:
      'Platform teams that route alerts and costs by label want every workload to name its owning team. The ' +
      'rule accepts any label whose key contains `owner` (`owner`, `app.example.com/owner`, `team-owner`), as ' +
      'kube-linter does, with any value. It is an organisation’s convention, so the rule is off by default. ' +
      'Kustomize patches are left alone (the label may be on the object they patch, or added by `commonLabels`). ' +
      'No fix: only you know the owner.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  labels:\n    owner: payments\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n',
  },
  check(ctx) {
    for (const w of ctx.model.workloads) {
      const m = w.manifest;
      if (m.partial || [...m.labels.keys()].some((k) => k.includes('owner'))) continue;
      const labels = get(m.metadata, 'labels');
      ctx.report({
        at: labels ? keyRange(ctx.doc, labels) : manifestRange(ctx.doc, m),
        messageId: 'missing',
        data: { workload: workloadLabel(w) },
      });
    }
  },
});
