import assert from 'node:assert/strict';
import { it } from 'node:test';
import rule from '../../../server/src/rules/kubernetes/probe-port';
import { runKubernetesRule, testKubernetesRule } from '../../helpers/kubernetes-tester';

const POD = (ports: string, probe: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n${ports}${probe}`;

testKubernetesRule(rule, {
  valid: [
    POD(
      '    ports:\n    - name: http\n      containerPort: 8080\n',
      '    livenessProbe:\n      httpGet:\n        path: /\n        port: http\n',
    ),
    POD(
      '    ports:\n    - containerPort: 8080\n',
      '    readinessProbe:\n      tcpSocket:\n        port: 8080\n',
    ),
    {
      name: 'a container that declares no ports: numeric probe ports are not checked',
      code: POD('', '    livenessProbe:\n      httpGet:\n        path: /\n        port: 9090\n'),
    },
    {
      name: 'exec probes have no port',
      code: POD(
        '    ports:\n    - containerPort: 8080\n',
        '    livenessProbe:\n      exec:\n        command: [/bin/check]\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'a port name the container does not declare',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: registry.example.com/api:1.4.2
    ports:
    - name: web
      containerPort: 8080
    livenessProbe:
      httpGet:
        path: /health
        port: http
              ~~~~`,
      messageIds: ['unknownName'],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    ports:\n    - name: web\n      containerPort: 8080\n    livenessProbe:\n      httpGet:\n        path: /health\n        port: web',
    },
    {
      name: 'a numeric port the container does not declare (info), CRLF and a comment kept',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: api\r\nspec:\r\n  containers:\r\n  - name: api\r\n    image: registry.example.com/api:1.4.2\r\n    ports:\r\n    - containerPort: 8080\r\n    startupProbe:\r\n      tcpSocket:\r\n        port: 8000 # copied from the worker\r\n',
      ranges: ['12:14-12:18'],
      messageIds: ['undeclared'],
      output:
        'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: api\r\nspec:\r\n  containers:\r\n  - name: api\r\n    image: registry.example.com/api:1.4.2\r\n    ports:\r\n    - containerPort: 8080\r\n    startupProbe:\r\n      tcpSocket:\r\n        port: 8080 # copied from the worker\r\n',
    },
    {
      name: 'several declared ports: no fix',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: registry.example.com/api:1.4.2
    ports:
    - containerPort: 8080
    - containerPort: 9090
    readinessProbe:
      httpGet:
        path: /ready
        port: admin
              ~~~~~`,
      output: null,
    },
    {
      name: 'a port name on a container that declares no ports: the kubelet cannot resolve it',
      code: POD('', '    readinessProbe:\n      tcpSocket:\n        port: http\n              ~~~~\n'),
      messageIds: ['unknownName'],
      output: null,
    },
  ],
});

it('kubernetes/probe-port: each finding answers to the kube-linter check of its probe', () => {
  const probe = (kind: string, port: string) => `    ${kind}:\n      tcpSocket:\n        port: ${port}\n`;
  const text = POD(
    '    ports:\n    - containerPort: 8080\n',
    probe('livenessProbe', 'http') + probe('readinessProbe', '9090') + probe('startupProbe', 'admin'),
  );
  assert.deepEqual(
    runKubernetesRule(rule, text).map((f) => f.aliases),
    [['kube-linter:liveness-port'], ['kube-linter:readiness-port'], ['kube-linter:startup-port']],
  );
  const sidecar = text
    .replace('  containers:\n', '  initContainers:\n')
    .replace(
      'image: registry.example.com/api:1.4.2\n',
      'image: registry.example.com/api:1.4.2\n    restartPolicy: Always\n',
    );
  assert.deepEqual(
    runKubernetesRule(rule, sidecar).map((f) => f.aliases),
    [[], [], []],
    'kube-linter does not check init containers',
  );
});
