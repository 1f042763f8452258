import { defineRule } from '../../core/rule';
import {
  get,
  keyRange,
  manifestRange,
  workloadLabel,
  type KubernetesModel,
} from '../../languages/kubernetes';

/**
 * kube-linter's pattern (`[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+`, found anywhere in the value) with
 * its first and last repeated parts cut to the one character they need: the same values, in linear time.
 */
const EMAIL = /[\w.+-]@[a-z\d-]+\.[a-z\d.-]/i;

export default defineRule<KubernetesModel>({
  id: 'kubernetes/owner-email',
  language: 'kubernetes',
  severity: 'info',
  recommended: false,
  defaultOff: true,
  aliases: ['kube-linter:required-annotation-email'],
  fix: null,
  messages: {
    missing:
      '{workload} has no email annotation (an annotation whose key contains "email" and whose value is an address): who is contacted when it breaks?',
  },
  docs: {
    summary: 'Workloads should carry an owner email annotation (opt-in).',
    rationale:
      'Platform teams that contact owners by email want every workload to carry the address. The rule accepts ' +
      'any annotation whose key contains `email` (`email`, `owner-email`, `example.com/email`) and whose value ' +
      'holds an address, as kube-linter does. It is an organisation’s convention, so the rule is off by default. ' +
      'Kustomize patches are left alone (the annotation may be on the object they patch, or added by ' +
      '`commonAnnotations`). No fix: only you know the address.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  annotations:\n    email: payments@example.com\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n',
  },
  check(ctx) {
    for (const w of ctx.model.workloads) {
      const m = w.manifest;
      if (m.partial || [...m.annotations].some(([k, v]) => k.includes('email') && EMAIL.test(v))) continue;
      const annotations = get(m.metadata, 'annotations');
      ctx.report({
        at: annotations ? keyRange(ctx.doc, annotations) : manifestRange(ctx.doc, m),
        messageId: 'missing',
        data: { workload: workloadLabel(w) },
      });
    }
  },
});
