import rule from '../../../server/src/rules/kubernetes/single-replica';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const DEPLOY = (replicas: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n${replicas}  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n`;

const HPA =
  'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web-hpa\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 3\n  maxReplicas: 10\n';

testKubernetesRule(rule, {
  valid: [
    DEPLOY('  replicas: 3\n'),
    { name: 'an HPA scales it', code: DEPLOY('  replicas: 1\n') + '---\n' + HPA },
    { name: 'replicas: 0 is a deliberate stop', code: DEPLOY('  replicas: 0\n') },
    {
      name: 'StatefulSets are not checked',
      code: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  replicas: 1\n  selector:\n    matchLabels:\n      app: db\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n      - name: db\n        image: postgres:16.4\n',
    },
    {
      name: 'skipped by a Polaris annotation',
      code: DEPLOY('  replicas: 1\n').replace(
        '  name: web\n',
        '  name: web\n  annotations:\n    polaris.fairwinds.com/deploymentMissingReplicas-exempt: "true"\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'replicas: 1 becomes 3',
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1 # for now
            ~
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27`,
      output:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3 # for now\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n      topologySpreadConstraints:\n      - maxSkew: 1\n        topologyKey: kubernetes.io/hostname\n        whenUnsatisfiable: ScheduleAnyway\n        labelSelector:\n          matchLabels:\n            app: web',
    },
    {
      name: 'with an HPA, replicas would fight it: the HPA fix removes it, comment above kept, resources as they are',
      code:
        DEPLOY('  # one for now\n  replicas: 1\n') +
        '        resources:\n          requests: {cpu: 250m, memory: 256Mi}\n',
      ranges: ['6:12-6:13'],
      fixTitle: 'HorizontalPodAutoscaler; remove `replicas`',
      output:
        DEPLOY('  # one for now\n') +
        '        resources:\n          requests: {cpu: 250m, memory: 256Mi}\n' +
        '---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web-hpa\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 3\n  maxReplicas: 10\n  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      target:\n        type: Utilization\n        averageUtilization: 70\n  - type: Resource\n    resource:\n      name: memory\n      target:\n        type: Utilization\n        averageUtilization: 80\n',
    },
    {
      name: 'unset replicas: the second fix appends the seed HPA (CRLF)',
      code: DEPLOY('').replace(/\n/g, '\r\n'),
      ranges: ['3:8-3:11'],
      fixTitle: 'HorizontalPodAutoscaler',
      output:
        DEPLOY('')
          .replace(/\n/g, '\r\n')
          .replace(
            'image: nginx:1.27\r\n',
            'image: nginx:1.27\r\n        resources:\r\n          requests:\r\n            memory: "512Mi"\r\n            cpu: "500m"\r\n          limits:\r\n            memory: "2Gi"\r\n            cpu: "2000m"\r\n',
          ) +
        '---\r\napiVersion: autoscaling/v2\r\nkind: HorizontalPodAutoscaler\r\nmetadata:\r\n  name: web-hpa\r\nspec:\r\n  scaleTargetRef:\r\n    apiVersion: apps/v1\r\n    kind: Deployment\r\n    name: web\r\n  minReplicas: 3\r\n  maxReplicas: 10\r\n  metrics:\r\n  - type: Resource\r\n    resource:\r\n      name: cpu\r\n      target:\r\n        type: Utilization\r\n        averageUtilization: 70\r\n  - type: Resource\r\n    resource:\r\n      name: memory\r\n      target:\r\n        type: Utilization\r\n        averageUtilization: 80\r\n',
    },
  ],
});
