import rule from '../../../server/src/rules/kubernetes/missing-resources';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const POD = (container: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n${container}`;

testKubernetesRule(rule, {
  valid: [
    POD(
      '    resources:\n      requests:\n        memory: 512Mi\n        cpu: 500m\n      limits:\n        memory: 2Gi\n        cpu: "2"\n',
    ),
    {
      name: 'a limit alone counts as the request too (Kubernetes copies it)',
      code: POD('    resources:\n      limits:\n        memory: 1Gi\n        cpu: "1"\n'),
    },
    {
      name: 'init containers that run to completion are exempt',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  initContainers:\n  - name: migrate\n    image: registry.example.com/api:1.4.2\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    resources:\n      limits:\n        memory: 1Gi\n        cpu: "1"\n',
    },
    {
      name: 'checks skipped by annotations of other tools',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  annotations:\n    polaris.fairwinds.com/cpuLimitsMissing-exempt: "true"\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    resources:\n      requests:\n        memory: 512Mi\n        cpu: 500m\n      limits:\n        memory: 2Gi\n',
    },
    {
      name: "a misspelt resources key is the schema rule's finding",
      code: POD('    Resources:\n      limits:\n        memory: 1Gi\n'),
    },
    { name: 'not a workload', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n' },
  ],
  invalid: [
    {
      name: 'no resources at all: the seed values are added',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
          ~~~
    image: registry.example.com/api:1.4.2`,
      messageIds: ['none'],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    resources:\n      requests:\n        memory: "512Mi"\n        cpu: "500m"\n      limits:\n        memory: "2Gi"\n        cpu: "2000m"',
    },
    {
      // Issue 9: the fix completes the sub-maps that exist, never a second `memory` key, and adds no request
      // where a limit stands (Kubernetes copies it, and a larger request would be rejected).
      name: 'only limits: completed in place, no duplicate key, no request above the memory limit',
      code: POD('    resources:\n      limits:\n        memory: 256Mi\n'),
      ranges: ['8:4-8:13'],
      output: POD(
        '    resources:\n      limits:\n        memory: 256Mi\n        cpu: "2000m"\n      requests:\n        cpu: "500m"\n',
      ),
    },
    {
      name: 'only requests: limits added, never below the requests already there',
      code: POD('    resources:\n      requests:\n        memory: 4Gi\n        cpu: 250m\n'),
      ranges: ['8:4-8:13'],
      output: POD(
        '    resources:\n      requests:\n        memory: 4Gi\n        cpu: 250m\n      limits:\n        memory: "4Gi"\n        cpu: "2000m"\n',
      ),
    },
    {
      name: 'only the CPU limit missing is info, and the limit added keeps the comments',
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
        - name: api # the API
          image: registry.example.com/api:1.4.2
          resources: # sized from load tests
          ~~~~~~~~~
            requests:
              memory: 512Mi
              cpu: 250m
            limits:
              memory: 1Gi # leaves room for the sidecar`,
      messageIds: ['some'],
      output:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n        - name: api # the API\n          image: registry.example.com/api:1.4.2\n          resources: # sized from load tests\n            requests:\n              memory: 512Mi\n              cpu: 250m\n            limits:\n              memory: 1Gi # leaves room for the sidecar\n              cpu: "2000m"',
    },
    {
      name: 'requests without limits (CRLF): a limit never below the request',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: api\r\nspec:\r\n  containers:\r\n  - name: api\r\n    image: registry.example.com/api:1.4.2\r\n    resources:\r\n      requests:\r\n        memory: 4Gi\r\n        cpu: 500m\r\n',
      ranges: ['8:4-8:13'],
      output:
        'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: api\r\nspec:\r\n  containers:\r\n  - name: api\r\n    image: registry.example.com/api:1.4.2\r\n    resources:\r\n      requests:\r\n        memory: 4Gi\r\n        cpu: 500m\r\n      limits:\r\n        memory: "4Gi"\r\n        cpu: "2000m"\r\n',
    },
    {
      name: 'an empty resources mapping is filled in; a Job is checked too',
      code: `
apiVersion: batch/v1
kind: Job
metadata:
  name: report
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: report
        image: registry.example.com/report:2.0.0
        resources: {}
        ~~~~~~~~~`,
      output:
        'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: report\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: report\n        image: registry.example.com/report:2.0.0\n        resources:\n          requests:\n            memory: "512Mi"\n            cpu: "500m"\n          limits:\n            memory: "2Gi"\n            cpu: "2000m"',
    },
    {
      name: 'a skipped check of another tool is left out of the finding',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: api
  annotations:
    checkov.io/skip1: CKV_K8S_11=CPU limits throttle this service
spec:
  containers:
  - name: api
          ~~~
    image: registry.example.com/api:1.4.2`,
      messageIds: ['some'],
    },
  ],
});
