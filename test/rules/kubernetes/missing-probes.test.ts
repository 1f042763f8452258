import rule from '../../../server/src/rules/kubernetes/missing-probes';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const PROBES =
  '    livenessProbe:\n      httpGet:\n        path: /health\n        port: 8080\n    readinessProbe:\n      httpGet:\n        path: /health\n        port: 8080\n';

testKubernetesRule(rule, {
  valid: [
    {
      name: 'a Pod that runs to completion (restartPolicy Never)',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: once\nspec:\n  restartPolicy: Never\n  containers:\n  - name: once\n    image: registry.example.com/task:1.0.0\n',
    },
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    ports:\n    - containerPort: 8080\n${PROBES}`,
    {
      name: 'Jobs run to completion',
      code: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: migrate\n        image: registry.example.com/api:1.4.2\n        ports:\n        - containerPort: 8080\n',
    },
    {
      name: 'CronJobs run to completion',
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - name: report\n            image: registry.example.com/report:2.0.0\n',
    },
    {
      name: 'init containers are exempt',
      code: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  initContainers:\n  - name: migrate\n    image: registry.example.com/api:1.4.2\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    ports:\n    - containerPort: 8080\n${PROBES}`,
    },
    {
      name: 'a worker with a liveness probe, no port and no Service needs no readiness probe',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: worker\nspec:\n  selector:\n    matchLabels:\n      app: worker\n  template:\n    metadata:\n      labels:\n        app: worker\n    spec:\n      containers:\n      - name: worker\n        image: registry.example.com/worker:2.1.0\n        livenessProbe:\n          exec:\n            command: ["/bin/healthcheck"]\n',
    },
    {
      name: "a misspelt probe key is the schema rule's finding",
      code: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    ports:\n    - containerPort: 8080\n${PROBES.replace('livenessProbe', 'livenessprobe')}`,
    },
    {
      name: 'skipped through kube-linter and Polaris annotations',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  annotations:\n    ignore-check.kube-linter.io/no-liveness-probe: "the app has no health endpoint"\n    polaris.fairwinds.com/readinessProbeMissing-exempt: "true"\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    ports:\n    - containerPort: 8080\n',
    },
  ],
  invalid: [
    {
      name: 'both probes added on the container port, in the seed style',
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: publishing-api
spec:
  selector:
    matchLabels:
      app: publishing-api
  template:
    metadata:
      labels:
        app: publishing-api
    spec:
      containers:
      - name: api
              ~~~
        image: registry.example.com/publishing-api:v1.0.0
        ports:
        - containerPort: 8080`,
      messageIds: ['both'],
      output:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: publishing-api\nspec:\n  selector:\n    matchLabels:\n      app: publishing-api\n  template:\n    metadata:\n      labels:\n        app: publishing-api\n    spec:\n      containers:\n      - name: api\n        image: registry.example.com/publishing-api:v1.0.0\n        ports:\n        - containerPort: 8080\n        startupProbe:\n          httpGet:\n            path: /health\n            port: 8080\n          periodSeconds: 10\n          failureThreshold: 6\n        livenessProbe:\n          httpGet:\n            path: /health\n            port: 8080\n          periodSeconds: 30\n        readinessProbe:\n          httpGet:\n            path: /health\n            port: 8080\n          initialDelaySeconds: 5\n          periodSeconds: 10',
    },
    {
      name: 'only readiness missing, with comments and CRLF kept',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: api\r\nspec:\r\n  containers:\r\n    - name: api # main\r\n      image: registry.example.com/api:1.4.2\r\n      ports:\r\n        - name: http\r\n          containerPort: 8080\r\n      livenessProbe: # restarts hung workers\r\n        tcpSocket:\r\n          port: http\r\n',
      ranges: ['6:12-6:15'],
      messageIds: ['readiness'],
      output:
        'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: api\r\nspec:\r\n  containers:\r\n    - name: api # main\r\n      image: registry.example.com/api:1.4.2\r\n      ports:\r\n        - name: http\r\n          containerPort: 8080\r\n      livenessProbe: # restarts hung workers\r\n        tcpSocket:\r\n          port: http\r\n      readinessProbe:\r\n        httpGet:\r\n          path: /health\r\n          port: 8080\r\n        initialDelaySeconds: 5\r\n        periodSeconds: 10\r\n',
    },
    {
      name: 'a Service selecting a worker makes readiness matter; no port, no fix',
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
spec:
  selector:
    matchLabels:
      app: worker
  template:
    metadata:
      labels:
        app: worker
    spec:
      containers:
      - name: worker
              ~~~~~~
        image: registry.example.com/worker:2.1.0
---
apiVersion: v1
kind: Service
metadata:
  name: worker
spec:
  selector:
    app: worker
  ports:
  - port: 80`,
      messageIds: ['both'],
      output: null,
    },
    {
      name: 'a StatefulSet and a DaemonSet are checked',
      code: `
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
              ~~~~~
        image: registry.example.com/agent:0.9.0`,
      messageIds: ['liveness'],
    },
  ],
});
