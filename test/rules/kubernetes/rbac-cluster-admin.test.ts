import rule from '../../../server/src/rules/kubernetes/rbac-cluster-admin';
import { binding, role } from '../../helpers/kubernetes-fixtures';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

testKubernetesRule(rule, {
  valid: [
    binding('ClusterRole', 'view'),
    {
      name: "Kubernetes' own binding",
      code: binding('ClusterRole', 'cluster-admin', 'ClusterRoleBinding', 'system:masters'),
    },
    {
      name: 'a role of the file with explicit rules',
      code: `${role('- apiGroups: ["apps"]\n  resources: ["*"]\n  verbs: ["get"]\n')}---\n${binding('Role', 'app')}`,
    },
  ],
  invalid: [
    {
      name: 'a ClusterRoleBinding and a RoleBinding to cluster-admin',
      code: `${binding('ClusterRole', 'cluster-admin', 'ClusterRoleBinding')}---\n${binding('ClusterRole', 'cluster-admin')}`,
      ranges: ['7:8-7:21', '20:8-20:21'],
      messageIds: ['clusterAdmin', 'clusterAdmin'],
      output: null,
    },
    {
      name: 'a Role of the file that allows everything',
      code: `${role('- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["*"]\n')}---\n${binding('Role', 'app')}`,
      ranges: ['16:8-16:11'],
      messageIds: ['wildcard'],
      output: null,
    },
  ],
});
