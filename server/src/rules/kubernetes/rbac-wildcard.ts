import { defineRule } from '../../core/rule';
import {
  isRole,
  isSystemName,
  policyRules,
  rangeOf,
  str,
  type KubernetesModel,
} from '../../languages/kubernetes';

const ALL = ['kube-linter:wildcard-in-rules', 'checkov:CKV_K8S_49'];

export default defineRule<KubernetesModel>({
  id: 'kubernetes/rbac-wildcard',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: [...ALL, 'trivy:KSV044', 'trivy:KSV045', 'trivy:KSV046'],
  fix: null,
  messages: {
    verbs: 'The {kind} {name} grants every verb ("*"): list the verbs it needs.',
    resources:
      'The {kind} {name} grants access to every resource ("*"), including ones added later by CRDs: list the resources it needs.',
  },
  docs: {
    summary: 'Roles and ClusterRoles should list their verbs and resources instead of using "*".',
    rationale:
      'A wildcard grants what exists today and whatever a later Kubernetes version or CRD adds, which nobody ' +
      'reviewed: `verbs: ["*"]` includes `escalate`, `bind` and `impersonate`, and `resources: ["*"]` includes ' +
      "Secrets. Each wildcard is its own finding. Kubernetes' own roles (`system:…`) and aggregated ClusterRoles " +
      '(whose rules the control plane fills in) are left alone. No fix: the right list depends on what the ' +
      'subject does.',
    bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: deployer\nrules:\n- apiGroups: ["apps"]\n  resources: ["*"]\n  verbs: ["*"]\n',
    good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: deployer\nrules:\n- apiGroups: ["apps"]\n  resources: ["deployments"]\n  verbs: ["get", "list", "patch"]\n',
  },
  check(ctx) {
    for (const m of ctx.model.manifests) {
      if (!isRole(m) || isSystemName(m)) continue;
      for (const rule of policyRules(m)) {
        const verb = rule.verbs.find((v) => str(v) === '*');
        const resource = rule.resources.find((r) => str(r) === '*');
        const both = verb && resource ? ['trivy:KSV044'] : [];
        const data = { kind: m.kind, name: m.name ?? '' };
        if (verb)
          ctx.report({
            at: rangeOf(ctx.doc, verb),
            messageId: 'verbs',
            aliases: [...ALL, 'trivy:KSV045', ...both],
            data,
          });
        if (resource)
          ctx.report({
            at: rangeOf(ctx.doc, resource),
            messageId: 'resources',
            aliases: [...ALL, 'trivy:KSV046', ...both],
            data,
          });
      }
    }
  },
});
