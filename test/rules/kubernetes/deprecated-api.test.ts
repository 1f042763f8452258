import rule from '../../../server/src/rules/kubernetes/deprecated-api';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

testKubernetesRule(rule, {
  valid: [
    'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  defaultBackend:\n    service:\n      name: web\n      port:\n        number: 80\n',
    {
      name: 'custom resources with beta versions',
      code: 'apiVersion: cert-manager.io/v1beta1\nkind: Certificate\nmetadata:\n  name: c\n',
    },
    {
      name: 'before its deprecation, for the configured version',
      code: 'apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  backend:\n    serviceName: web\n    servicePort: 80\n',
      config: { kubernetesVersion: '1.18' },
    },
  ],
  invalid: [
    {
      name: 'an extensions/v1beta1 Ingress becomes networking.k8s.io/v1, comments kept',
      code: `
apiVersion: extensions/v1beta1
            ~~~~~~~~~~~~~~~~~~
kind: Ingress
metadata:
  name: publishing
spec:
  backend: # everything else
    serviceName: fallback
    servicePort: http
  rules:
  - host: publishing.example.com
    http:
      paths:
      - path: /api # the API
        backend:
          serviceName: publishing-api
          servicePort: 80
      - path: /static
        pathType: Prefix
        backend:
          serviceName: static
          servicePort: 8080`,
      messageIds: ['removed'],
      output:
        'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: publishing\nspec:\n  defaultBackend: # everything else\n    service:\n      name: fallback\n      port:\n        name: http\n  rules:\n  - host: publishing.example.com\n    http:\n      paths:\n      - path: /api # the API\n        backend:\n          service:\n            name: publishing-api\n            port:\n              number: 80\n        pathType: ImplementationSpecific\n      - path: /static\n        pathType: Prefix\n        backend:\n          service:\n            name: static\n            port:\n              number: 8080',
    },
    {
      name: 'a deprecated but still served version is a warning (CRLF)',
      code: 'apiVersion: policy/v1beta1\r\nkind: PodDisruptionBudget\r\nmetadata:\r\n  name: web\r\nspec:\r\n  minAvailable: 1\r\n  selector:\r\n    matchLabels:\r\n      app: web\r\n',
      ranges: ['0:12-0:26'],
      config: { kubernetesVersion: '1.22' },
      messageIds: ['deprecated'],
      output:
        'apiVersion: policy/v1\r\nkind: PodDisruptionBudget\r\nmetadata:\r\n  name: web\r\nspec:\r\n  minAvailable: 1\r\n  selector:\r\n    matchLabels:\r\n      app: web\r\n',
    },
    {
      name: 'an apps/v1beta2 Deployment gets the selector apps/v1 requires (unsafe: new defaults)',
      code: `
apiVersion: apps/v1beta2
            ~~~~~~~~~~~~
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27`,
      output:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n  selector:\n    matchLabels:\n      app: web',
    },
    {
      name: 'a v2beta1 HPA gets v2 metric targets',
      code: `
apiVersion: autoscaling/v2beta1
            ~~~~~~~~~~~~~~~~~~~
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 3
  maxReplicas: 10
  metrics:
  - type: Resource
    resource:
      name: cpu
      targetAverageUtilization: 70`,
      output:
        'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 3\n  maxReplicas: 10\n  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      target:\n        type: Utilization\n        averageUtilization: 70',
    },
    {
      name: 'a batch/v1beta1 CronJob, and a PodSecurityPolicy without successor',
      code: `
apiVersion: batch/v1beta1
            ~~~~~~~~~~~~~
kind: CronJob
metadata:
  name: report
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: report
            image: registry.example.com/report:2.3.0
---
apiVersion: policy/v1beta1
            ~~~~~~~~~~~~~~
kind: PodSecurityPolicy
metadata:
  name: restricted`,
      messageIds: ['removed', 'removed'],
    },
  ],
});
