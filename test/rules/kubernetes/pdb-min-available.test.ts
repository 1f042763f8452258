import rule from '../../../server/src/rules/kubernetes/pdb-min-available';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const DEPLOY = (replicas: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n${replicas}  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n`;

const HPA = (min: string) =>
  `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n${min}  maxReplicas: 10\n`;

const PDB = (min: string) =>
  `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: ${min}\n  selector:\n    matchLabels:\n      app: web\n`;

testKubernetesRule(rule, {
  valid: [
    { name: 'one pod may go', code: DEPLOY('  replicas: 3\n') + '---\n' + PDB('2') },
    { name: 'replicas unset: the count is not known here', code: DEPLOY('') + '---\n' + PDB('2') },
    { name: 'a percentage is left alone', code: DEPLOY('  replicas: 2\n') + '---\n' + PDB('"50%"') },
    {
      name: 'the HPA keeps at least 3 pods',
      code: PDB('2'),
      workspace: { 'app/web.yaml': DEPLOY(''), 'app/hpa.yaml': HPA('  minReplicas: 3\n') },
    },
    {
      name: 'a DaemonSet has no replica count',
      code: DEPLOY('  replicas: 1\n').replace('kind: Deployment', 'kind: DaemonSet') + '---\n' + PDB('1'),
    },
    { name: 'no workload known', code: PDB('5') },
  ],
  invalid: [
    {
      name: 'minAvailable equal to the replicas',
      code:
        DEPLOY('  replicas: 2\n') +
        '---\n' +
        PDB('2').replace('minAvailable: 2\n', 'minAvailable: 2\n                ~\n'),
      messageIds: ['replicas'],
    },
    {
      name: 'the Deployment in another file',
      code: PDB('3').replace('minAvailable: 3\n', 'minAvailable: 3\n                ~\n'),
      workspace: { 'app/web.yaml': DEPLOY('  replicas: 3\n') },
      messageIds: ['replicas'],
    },
    {
      name: 'the HPA may scale down below the PDB minimum (its minReplicas defaults to 1)',
      code: PDB('2').replace('minAvailable: 2\n', 'minAvailable: 2\n                ~\n'),
      workspace: { 'app/web.yaml': DEPLOY('  replicas: 5\n'), 'app/hpa.yaml': HPA('') },
      messageIds: ['hpa'],
    },
  ],
});
