import rule from '../../../server/src/rules/kubernetes/rbac-sensitive';
import { binding, role } from '../../helpers/kubernetes-fixtures';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

testKubernetesRule(rule, {
  valid: [
    role('- apiGroups: [""]\n  resources: ["pods", "pods/log"]\n  verbs: ["get", "list", "watch"]\n'),
    {
      name: 'secrets in another API group, create on secrets only',
      code: role(
        '- apiGroups: ["example.com"]\n  resources: ["secrets"]\n  verbs: ["get"]\n- apiGroups: [""]\n  resources: ["secrets"]\n  verbs: ["create"]\n',
      ),
    },
    { name: 'a binding to a role the file does not have', code: binding('ClusterRole', 'edit') },
  ],
  invalid: [
    {
      name: 'exec, secrets and create pods on the role, and on its binding',
      code: `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: app
rules:
- apiGroups: [""]
  resources: ["pods", "pods/exec", "secrets"]
  verbs: ["get", "create"]
- apiGroups: ["*"]
  resources: ["*"]
  verbs: ["create"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: app
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: app
subjects:
- kind: ServiceAccount
  name: app`,
      ranges: ['6:14-6:20', '6:22-6:33', '6:35-6:44', '19:8-19:11', '19:8-19:11', '19:8-19:11'],
      messageIds: ['role', 'role', 'role', 'binding', 'binding', 'binding'],
      // The first rule creates pods already: the wildcard of the second adds nothing new.
      output: null,
    },
  ],
});
