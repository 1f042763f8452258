import rule from '../../../server/src/rules/kubernetes/requests-exceed-limits';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const POD = (resources: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    resources:\n${resources}`;

testKubernetesRule(rule, {
  valid: [
    POD(
      '      requests:\n        memory: 512Mi\n        cpu: 500m\n      limits:\n        memory: 2Gi\n        cpu: 2000m\n',
    ),
    {
      name: 'equal amounts in different units',
      code: POD(
        '      requests:\n        cpu: "1"\n        memory: 1024Mi\n      limits:\n        cpu: 1000m\n        memory: 1Gi\n',
      ),
    },
    { name: 'a request without a limit', code: POD('      requests:\n        memory: 8Gi\n') },
    {
      name: "a malformed quantity is the schema rule's finding",
      code: POD('      requests:\n        memory: 4GB\n      limits:\n        memory: 1Gi\n'),
    },
  ],
  invalid: [
    {
      name: 'memory request above its limit',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: registry.example.com/api:1.4.2
    resources:
      requests:
        memory: 1Gi
                ~~~
        cpu: 2000m
             ~~~~~
      limits:
        memory: 512Mi
        cpu: "1"`,
      output: null,
    },
    {
      name: 'an init container, in a CRLF file',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: api\r\nspec:\r\n  initContainers:\r\n  - name: warm\r\n    image: registry.example.com/api:1.4.2\r\n    resources:\r\n      requests:\r\n        cpu: 1500m\r\n      limits:\r\n        cpu: 1\r\n  containers:\r\n  - name: api\r\n    image: registry.example.com/api:1.4.2\r\n',
      ranges: ['10:13-10:18'],
    },
  ],
});
