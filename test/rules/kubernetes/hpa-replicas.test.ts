import rule from '../../../server/src/rules/kubernetes/hpa-replicas';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const hpa = (spec: string): string =>
  `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n${spec}`;

testKubernetesRule(rule, {
  valid: [hpa('  minReplicas: 2\n  maxReplicas: 6\n')],
  invalid: [
    {
      name: 'minReplicas unset (1)',
      code: hpa('  maxReplicas: 6\n'),
      ranges: ['3:8-3:11'],
      messageIds: ['min'],
      output: null,
    },
    {
      name: 'minReplicas 1 and maxReplicas 1',
      code: hpa('  minReplicas: 1\n  maxReplicas: 1\n'),
      ranges: ['9:15-9:16', '10:15-10:16'],
      messageIds: ['min', 'max'],
      output: null,
    },
  ],
});
