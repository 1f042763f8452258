import rule from '../../../server/src/rules/kubernetes/missing-startup-probe';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const POD = (container: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n${container}`;

testKubernetesRule(rule, {
  valid: [
    {
      name: 'a short liveness delay',
      code: POD(
        '    livenessProbe:\n      httpGet:\n        path: /health\n        port: 8080\n      initialDelaySeconds: 10\n',
      ),
    },
    {
      name: 'no delay',
      code: POD('    livenessProbe:\n      httpGet:\n        path: /health\n        port: 8080\n'),
    },
    {
      name: 'a startup probe already there',
      code: POD(
        '    startupProbe:\n      httpGet:\n        path: /health\n        port: 8080\n      failureThreshold: 30\n    livenessProbe:\n      httpGet:\n        path: /health\n        port: 8080\n      initialDelaySeconds: 30\n',
      ),
    },
    {
      name: 'Jobs are not checked',
      code: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: j\n        image: busybox:1.36\n        livenessProbe:\n          exec:\n            command: [true]\n          initialDelaySeconds: 60\n',
    },
  ],
  invalid: [
    {
      name: "the seed Deployment's 30 s liveness delay",
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: registry.example.com/api:1.4.2
    livenessProbe:
    ~~~~~~~~~~~~~
      httpGet:
        path: /health
        port: 8080
      initialDelaySeconds: 30
      periodSeconds: 30`,
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    livenessProbe:\n      httpGet:\n        path: /health\n        port: 8080\n      initialDelaySeconds: 30\n      periodSeconds: 30\n    startupProbe:\n      httpGet:\n        path: /health\n        port: 8080\n      periodSeconds: 10\n      failureThreshold: 6',
    },
    {
      name: 'a tcpSocket liveness probe in a CRLF file with comments',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: db\r\nspec:\r\n  containers:\r\n  - name: db\r\n    image: postgres:16.4\r\n    livenessProbe: # slow WAL replay\r\n      tcpSocket:\r\n        port: 5432\r\n      initialDelaySeconds: 45\r\n',
      ranges: ['8:4-8:17'],
      output:
        'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: db\r\nspec:\r\n  containers:\r\n  - name: db\r\n    image: postgres:16.4\r\n    livenessProbe: # slow WAL replay\r\n      tcpSocket:\r\n        port: 5432\r\n      initialDelaySeconds: 45\r\n    startupProbe:\r\n      tcpSocket:\r\n        port: 5432\r\n      periodSeconds: 10\r\n      failureThreshold: 6\r\n',
    },
    {
      name: 'an exec handler is reported without a fix',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: registry.example.com/api:1.4.2
    livenessProbe:
    ~~~~~~~~~~~~~
      exec:
        command: ["/bin/check"]
      initialDelaySeconds: 90`,
      output: null,
    },
  ],
});
