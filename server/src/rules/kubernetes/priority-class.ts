import { defineRule } from '../../core/rule';
import { get, manifestRange, workloadLabel, type KubernetesModel } from '../../languages/kubernetes';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/priority-class',
  language: 'kubernetes',
  severity: 'info',
  recommended: false,
  defaultOff: true,
  aliases: ['polaris:priorityClassNotSet', 'kube-linter:priority-class-name'],
  fix: null,
  messages: {
    unset:
      '{workload} sets no priorityClassName: under pressure the scheduler may evict or preempt it before less important pods.',
  },
  docs: {
    summary: 'Workloads should say how important they are (priorityClassName).',
    rationale:
      'Without a priority class every pod has priority 0, so when a node runs short the kubelet and the ' +
      'scheduler cannot tell the checkout service from a batch report. Clusters that define PriorityClasses ' +
      'want every workload to pick one; others do not care, so the rule is off by default. Kustomize patches ' +
      'and Jobs are left alone.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  priorityClassName: business-critical\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n',
  },
  check(ctx) {
    for (const w of ctx.model.workloads) {
      if (w.batch || w.manifest.partial || !w.podSpec || get(w.podSpec, 'priorityClassName')) continue;
      ctx.report({
        at: manifestRange(ctx.doc, w.manifest),
        messageId: 'unset',
        data: { workload: workloadLabel(w) },
      });
    }
  },
});
