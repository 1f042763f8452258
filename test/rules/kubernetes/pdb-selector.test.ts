import rule from '../../../server/src/rules/kubernetes/pdb-selector';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const DEPLOY =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n        tier: frontend\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n';

const PDB = (selector: string, extra = '') =>
  `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\n${extra}spec:\n  maxUnavailable: 1\n  selector:\n${selector}`;

testKubernetesRule(rule, {
  valid: [
    {
      name: 'matches the Deployment of the file',
      code: DEPLOY + '---\n' + PDB('    matchLabels:\n      app: web\n'),
    },
    {
      name: 'matches a Deployment of another file',
      code: PDB('    matchLabels:\n      tier: frontend\n'),
      workspace: { 'app/web.yaml': DEPLOY },
    },
    {
      name: 'matchExpressions that match',
      code: PDB('    matchExpressions:\n    - key: app\n      operator: In\n      values: [web, api]\n'),
      workspace: { 'app/web.yaml': DEPLOY },
    },
    {
      name: 'no workload known: it may protect pods defined elsewhere',
      code: PDB('    matchLabels:\n      app: db\n'),
    },
    {
      name: 'an empty selector selects every pod of the namespace',
      code: DEPLOY + '---\n' + PDB('    {}\n'),
    },
    {
      name: 'workloads of another namespace do not count',
      code: PDB('    matchLabels:\n      app: db\n', '  namespace: data\n'),
      workspace: { 'app/web.yaml': DEPLOY },
    },
    {
      name: 'index still being built',
      code: PDB('    matchLabels:\n      app: db\n'),
      workspace: { 'app/web.yaml': DEPLOY },
      incomplete: true,
    },
  ],
  invalid: [
    {
      name: 'a typo in the selector, the Deployment in another file',
      code: `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  maxUnavailable: 1
  selector:
  ~~~~~~~~
    matchLabels:
      app: wbe`,
      workspace: { 'app/web.yaml': DEPLOY },
      messageIds: ['dangling'],
    },
    {
      name: 'an expression that excludes the only workload',
      code:
        DEPLOY +
        `---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 1
  selector:
  ~~~~~~~~
    matchExpressions:
    - key: tier
      operator: NotIn
      values: [frontend]`,
    },
  ],
});
