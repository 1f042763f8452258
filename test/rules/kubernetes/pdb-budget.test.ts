import rule from '../../../server/src/rules/kubernetes/pdb-budget';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const pdb = (spec: string): string =>
  `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n${spec}  selector:\n    matchLabels:\n      app: web\n`;

testKubernetesRule(rule, {
  valid: [
    pdb('  maxUnavailable: 1\n  unhealthyPodEvictionPolicy: AlwaysAllow\n'),
    pdb('  minAvailable: 50%\n  unhealthyPodEvictionPolicy: IfHealthyBudget\n'),
  ],
  invalid: [
    {
      name: 'maxUnavailable 0 and minAvailable 100% block every drain (no fix)',
      code: pdb('  maxUnavailable: 0\n  minAvailable: 100%\n  unhealthyPodEvictionPolicy: AlwaysAllow\n'),
      ranges: ['5:18-5:19', '6:16-6:20'],
      output: null,
    },
    {
      name: 'no unhealthyPodEvictionPolicy: AlwaysAllow is added',
      code: pdb('  maxUnavailable: 1\n'),
      ranges: ['3:8-3:11'],
      messageIds: ['policy'],
      output: pdb('  maxUnavailable: 1\n').replace(
        '      app: web\n',
        '      app: web\n  unhealthyPodEvictionPolicy: AlwaysAllow\n',
      ),
    },
  ],
});
