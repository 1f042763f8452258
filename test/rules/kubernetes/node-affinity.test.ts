import rule from '../../../server/src/rules/kubernetes/node-affinity';
import { deployment, podWith, webContainer } from '../../helpers/kubernetes-fixtures';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const AFFINITY =
  '  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n        - matchExpressions:\n          - key: pool\n            operator: In\n            values: [apps]\n';

testKubernetesRule(rule, {
  valid: [
    { name: 'node affinity', code: podWith('', AFFINITY) },
    { name: 'a nodeSelector', code: podWith('', '  nodeSelector:\n    pool: apps\n') },
    { name: 'a DaemonSet runs on every node', code: deployment(webContainer(), '', 'DaemonSet') },
    { name: 'a kustomize patch', code: '$patch: merge\n' + podWith('') },
  ],
  invalid: [
    { name: 'nothing', code: podWith(''), ranges: ['3:8-3:11'], messageIds: ['unset'], output: null },
    {
      name: 'pod anti-affinity only',
      code: deployment(
        '      affinity:\n        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution: []\n' +
          webContainer(),
      ),
      ranges: ['3:8-3:11'],
      output: null,
    },
    {
      name: 'CRLF',
      code: podWith('').replace(/\n/g, '\r\n'),
      ranges: ['3:8-3:11'],
      output: null,
    },
  ],
});
