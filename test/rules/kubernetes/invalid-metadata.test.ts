import rule from '../../../server/src/rules/kubernetes/invalid-metadata';
import { deployment, webContainer } from '../../helpers/kubernetes-fixtures';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const meta = (kind: string, apiVersion: string, metadata: string): string =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n${metadata}`;

testKubernetesRule(rule, {
  valid: [
    meta(
      'ConfigMap',
      'v1',
      '  name: app.config-v2\n  labels:\n    app.kubernetes.io/name: web\n    tier: ""\n  annotations:\n    Example.com/Owner: team-a\n',
    ),
    {
      name: 'a Pod may have dots; RBAC names and custom resources are not judged',
      code: `${meta('Pod', 'v1', '  name: web.v2\n')}spec:\n  containers:\n  - name: web\n    image: nginx:1.27\n---\n${meta('ClusterRole', 'rbac.authorization.k8s.io/v1', '  name: system:controller:Web\n')}---\n${meta('Widget', 'example.com/v1', '  name: My_Widget\n')}`,
    },
    {
      name: 'placeholders and a generateName',
      code: meta(
        'ConfigMap',
        'v1',
        '  name: ${APP}-config\n  labels:\n    version: "{{ .Values.version }}"\n    team: __TEAM__\n',
      ),
    },
    { name: 'pod template labels', code: deployment(webContainer()) },
    {
      name: 'a kustomize function config is never sent to the API server',
      code: meta(
        'ConfigMap',
        'v1',
        '  name: label_namespace\n  annotations:\n    config.kubernetes.io/function: |-\n      container:\n        image: gcr.io/kpt-functions/label-namespace:v0.1\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'names by kind: a Service needs a DNS-1035 label, a CronJob at most 52 characters',
      code: `
apiVersion: v1
kind: Service
metadata:
  name: 1-web
        ~~~~~
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly-report-generator-for-the-finance-department-eu
        ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: Web_Frontend
        ~~~~~~~~~~~~`,
      messageIds: ['name', 'name', 'name'],
      output: null,
    },
    {
      name: 'label keys and values, annotation keys, template labels',
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app.kubernetes.io/version: v1.2 beta
                               ~~~~~~~~~
    example.com/team/owner: a
    ~~~~~~~~~~~~~~~~~~~~~~
  annotations:
    _internal: "x"
    ~~~~~~~~~
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
        commit: 3f2a9c1e4b7d8a6f5e0c1b2a3d4e5f60718293a4b5c6d7e8f90123456789abcdef
                ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    spec:
      containers:
      - name: web
        image: nginx:1.27`,
      messageIds: ['labelValue', 'labelKey', 'annotationKey', 'labelValue'],
      output: null,
    },
    {
      name: 'annotations over 256 KiB in total',
      code: meta(
        'ConfigMap',
        'v1',
        `  name: big\n  annotations:\n    a: ${'x'.repeat(140000)}\n    b: ${'y'.repeat(140000)}\n`,
      ),
      ranges: ['4:2-4:13'],
      messageIds: ['annotationSize'],
      output: null,
    },
  ],
});
