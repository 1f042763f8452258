import rule from '../../../server/src/rules/kubernetes/hpa-target';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const DEPLOY = (resources: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: publishing-api\nspec:\n  selector:\n    matchLabels:\n      app: publishing-api\n  template:\n    metadata:\n      labels:\n        app: publishing-api\n    spec:\n      containers:\n      - name: api\n        image: registry.example.com/publishing-api:v1.0.0\n${resources}`;

const REQUESTS =
  '        resources:\n          requests:\n            memory: "512Mi"\n            cpu: "500m"\n';

const HPA = (name: string) =>
  `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: publishing-api-hpa\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: ${name}\n  minReplicas: 3\n  maxReplicas: 10\n  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      target:\n        type: Utilization\n        averageUtilization: 70\n  - type: Resource\n    resource:\n      name: memory\n      target:\n        type: Utilization\n        averageUtilization: 80\n`;

testKubernetesRule(rule, {
  valid: [
    {
      name: 'seed 000: the Deployment requests CPU and memory',
      code: DEPLOY(REQUESTS) + '---\n' + HPA('publishing-api'),
    },
    { name: 'an HPA alone in its file may target a workload defined elsewhere', code: HPA('somewhere-else') },
    {
      name: 'the target is in another file of the workspace (its requests are not judged from here)',
      code: HPA('publishing-api'),
      workspace: { 'app/deployment.yaml': DEPLOY('') },
    },
    {
      name: 'the other files are still being indexed',
      code: HPA('publishing-apii'),
      workspace: { 'app/deployment.yaml': DEPLOY(REQUESTS) },
      incomplete: true,
    },
    {
      name: 'AverageValue targets need no request',
      code:
        DEPLOY('') +
        '---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: publishing-api\n  maxReplicas: 5\n  metrics:\n  - type: Resource\n    resource:\n      name: memory\n      target:\n        type: AverageValue\n        averageValue: 500Mi\n',
    },
    {
      name: 'a limit counts as the request',
      code:
        DEPLOY('        resources:\n          limits:\n            memory: 1Gi\n            cpu: "1"\n') +
        '---\n' +
        HPA('publishing-api'),
    },
  ],
  invalid: [
    {
      name: 'the workspace holds the Deployment under another name: the HPA is dangling',
      code: HPA('publishing-apii').replace(
        '    name: publishing-apii',
        '    name: publishing-apii\n          ~~~~~~~~~~~~~~~',
      ),
      workspace: { 'app/deployment.yaml': DEPLOY(REQUESTS) },
      messageIds: ['missingTarget'],
      output: HPA('publishing-api'),
    },
    {
      name: 'a target one typo away',
      code:
        DEPLOY(REQUESTS) +
        '---\n' +
        HPA('publishing-apii').replace(
          '    name: publishing-apii\n',
          '    name: publishing-apii # the API\n',
        ),
      ranges: ['29:10-29:25'],
      messageIds: ['missingTarget'],
      output:
        DEPLOY(REQUESTS) +
        '---\n' +
        HPA('publishing-api').replace('    name: publishing-api\n', '    name: publishing-api # the API\n'),
    },
    {
      name: 'containers without the requests the metrics need (CRLF)',
      code: (DEPLOY('') + '---\n' + HPA('publishing-api')).replace(/\n/g, '\r\n'),
      ranges: ['31:12-31:15', '37:12-37:18'],
      messageIds: ['noRequest', 'noRequest'],
    },
    {
      name: 'the request is added where resources exist, with the limits missing-resources asks for',
      code:
        DEPLOY('        resources:\n          requests:\n            memory: 256Mi\n') +
        '---\n' +
        HPA('publishing-api').replace(/ {2}- type: Resource\n {4}resource:\n {6}name: memory[\s\S]*$/, ''),
      ranges: ['34:12-34:15'],
      output:
        DEPLOY(
          '        resources:\n          requests:\n            memory: 256Mi\n            cpu: "500m"\n          limits:\n            memory: "2Gi"\n            cpu: "2000m"\n',
        ) +
        '---\n' +
        HPA('publishing-api').replace(/ {2}- type: Resource\n {4}resource:\n {6}name: memory[\s\S]*$/, ''),
    },
  ],
});
