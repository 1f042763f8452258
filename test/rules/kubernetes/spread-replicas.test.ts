import rule from '../../../server/src/rules/kubernetes/spread-replicas';
import { deployment, webContainer } from '../../helpers/kubernetes-fixtures';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const SPREAD =
  '      topologySpreadConstraints:\n      - maxSkew: 1\n        topologyKey: kubernetes.io/hostname\n        whenUnsatisfiable: ScheduleAnyway\n        labelSelector:\n          matchLabels:\n            app: web\n';
const ANTI =
  '      affinity:\n        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n          - weight: 100\n            podAffinityTerm:\n              topologyKey: kubernetes.io/hostname\n              labelSelector:\n                matchLabels:\n                  app: web\n';

testKubernetesRule(rule, {
  valid: [
    deployment(SPREAD + webContainer(), '  replicas: 3\n'),
    { name: 'pod anti-affinity', code: deployment(ANTI + webContainer(), '  replicas: 3\n') },
    {
      name: 'one replica, or replicas left to an HPA',
      code: deployment(webContainer(), '  replicas: 1\n') + '---\n' + deployment(webContainer()),
    },
    { name: 'a DaemonSet runs one per node', code: deployment(webContainer(), '', 'DaemonSet') },
  ],
  invalid: [
    {
      name: 'three replicas, nothing spreads them',
      code: deployment(webContainer(), '  replicas: 3\n'),
      ranges: ['5:12-5:13'],
      output: null,
    },
  ],
});
