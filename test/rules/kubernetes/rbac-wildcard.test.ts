import rule from '../../../server/src/rules/kubernetes/rbac-wildcard';
import { role } from '../../helpers/kubernetes-fixtures';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

testKubernetesRule(rule, {
  valid: [
    role('- apiGroups: ["apps"]\n  resources: ["deployments"]\n  verbs: ["get", "list"]\n'),
    {
      name: "Kubernetes' own roles",
      code: role(
        '- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["*"]\n',
        'ClusterRole',
        'system:controller:foo',
      ),
    },
    {
      name: 'an aggregated ClusterRole',
      code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: monitoring\naggregationRule:\n  clusterRoleSelectors:\n  - matchLabels:\n      rbac.example.com/aggregate-to-monitoring: "true"\nrules: []\n',
    },
  ],
  invalid: [
    {
      name: 'each wildcard is a finding',
      code: `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: deployer
rules:
- apiGroups: ["apps"]
  resources: ["*"]
              ~~~
  verbs:
  - "*"
    ~~~
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["*"]
          ~~~`,
      messageIds: ['resources', 'verbs', 'verbs'],
      output: null,
    },
  ],
});
