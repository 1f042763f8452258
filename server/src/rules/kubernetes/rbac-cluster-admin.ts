import { defineRule } from '../../core/rule';
import {
  boundRole,
  isBinding,
  isSystemName,
  isWildcardRule,
  manifestRange,
  policyRules,
  rangeOf,
  roleRef,
  type KubernetesModel,
} from '../../languages/kubernetes';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/rbac-cluster-admin',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: [
    'kube-linter:cluster-admin-role-binding',
    'polaris:clusterrolebindingClusterAdmin',
    'polaris:rolebindingClusterAdminClusterRole',
    'polaris:rolebindingClusterAdminRole',
    'trivy:KSV111',
  ],
  fix: null,
  messages: {
    clusterAdmin: 'The {kind} {name} grants cluster-admin: its subjects can do anything{scope}.',
    wildcard:
      'The {kind} {name} binds the {roleKind} {role}, which grants every verb on every resource: cluster-admin under another name{scope}.',
  },
  docs: {
    summary: 'Bindings should not grant cluster-admin, or a role that allows everything.',
    rationale:
      'cluster-admin is every permission on every object; a ServiceAccount bound to it turns any compromise of ' +
      'its pods into a compromise of the cluster (or, through a RoleBinding, of the namespace, Secrets included). ' +
      'A Role or ClusterRole of the same file whose rule is `*` on `*` in every API group counts as the same. ' +
      "Kubernetes' own bindings (`system:…`) are left alone. No fix: a narrower role depends on what the subject does.",
    bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ci\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\nsubjects:\n- kind: ServiceAccount\n  name: ci\n  namespace: ci\n',
    good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: ci\n  namespace: apps\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: edit\nsubjects:\n- kind: ServiceAccount\n  name: ci\n  namespace: ci\n',
  },
  check(ctx) {
    for (const m of ctx.model.manifests) {
      if (!isBinding(m) || isSystemName(m)) continue;
      const ref = roleRef(m);
      const cluster = m.kind === 'ClusterRoleBinding';
      const scope = cluster ? ' in every namespace' : ` in its namespace`;
      const at = ref.nameNode ? rangeOf(ctx.doc, ref.nameNode) : manifestRange(ctx.doc, m);
      const data = {
        kind: m.kind,
        name: m.name ?? '',
        scope,
        roleKind: ref.kind ?? '',
        role: ref.name ?? '',
      };
      if (ref.kind === 'ClusterRole' && ref.name === 'cluster-admin') {
        ctx.report({
          at,
          messageId: 'clusterAdmin',
          aliases: cluster
            ? [
                'kube-linter:cluster-admin-role-binding',
                'polaris:clusterrolebindingClusterAdmin',
                'trivy:KSV111',
              ]
            : ['polaris:rolebindingClusterAdminClusterRole', 'trivy:KSV111'],
          data,
        });
        continue;
      }
      const role = boundRole(ctx.model, m);
      if (!role || !policyRules(role).some(isWildcardRule)) continue;
      ctx.report({
        at,
        messageId: 'wildcard',
        aliases: cluster
          ? ['polaris:clusterrolebindingClusterAdmin']
          : role.kind === 'Role'
            ? ['polaris:rolebindingClusterAdminRole']
            : ['polaris:rolebindingClusterAdminClusterRole'],
        data,
      });
    }
  },
});
