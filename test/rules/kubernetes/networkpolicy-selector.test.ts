import rule from '../../../server/src/rules/kubernetes/networkpolicy-selector';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const DEPLOY = (app: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${app}\nspec:\n  selector:\n    matchLabels:\n      app: ${app}\n  template:\n    metadata:\n      labels:\n        app: ${app}\n    spec:\n      containers:\n      - name: ${app}\n        image: registry.example.com/${app}:1.0.0\n`;

const POLICY = (own: string, peer: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: api\nspec:\n  podSelector:\n    matchLabels:\n      app: ${own}\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: ${peer}\n`;

testKubernetesRule(rule, {
  valid: [
    {
      name: 'both selectors match',
      code: DEPLOY('api') + '---\n' + DEPLOY('web') + '---\n' + POLICY('api', 'web'),
    },
    {
      name: 'the workloads are in other files',
      code: POLICY('api', 'web'),
      workspace: { 'app/api.yaml': DEPLOY('api'), 'app/web.yaml': DEPLOY('web') },
    },
    { name: 'no workload known', code: POLICY('api', 'web') },
    {
      name: 'a default-deny policy selects every pod',
      code:
        DEPLOY('api') +
        '---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n',
    },
    {
      name: 'a peer in other namespaces (namespaceSelector) is left alone',
      code:
        DEPLOY('api') +
        '---\n' +
        POLICY('api', 'prometheus').replace(
          '    - podSelector:',
          '    - namespaceSelector:\n        matchLabels:\n          name: monitoring\n      podSelector:',
        ),
    },
  ],
  invalid: [
    {
      name: 'the policy selects no pod',
      code:
        DEPLOY('api') +
        '---\n' +
        POLICY('apii', 'api').replace('  podSelector:\n', '  podSelector:\n  ~~~~~~~~~~~\n'),
      messageIds: ['dangling'],
    },
    {
      name: 'an egress peer selects no pod, the workloads in another file',
      code: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api
spec:
  podSelector:
    matchLabels:
      app: api
  egress:
  - to:
    - podSelector:
      ~~~~~~~~~~~
        matchLabels:
          app: postgres`,
      workspace: { 'app/api.yaml': DEPLOY('api') },
      messageIds: ['peer'],
    },
  ],
});
