import rule from '../../../server/src/rules/kubernetes/service-selector';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const DEPLOY =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n        tier: frontend\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n';

const SERVICE = (selector: string, extra = '') =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n${extra}spec:\n  selector:\n${selector}  ports:\n  - port: 80\n`;

testKubernetesRule(rule, {
  valid: [
    DEPLOY + '---\n' + SERVICE('    app: web\n'),
    {
      name: 'a Service alone in its file may select pods defined elsewhere',
      code: SERVICE('    app: api\n'),
    },
    {
      name: 'a Service without a selector (external endpoints)',
      code:
        DEPLOY +
        '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ext\nspec:\n  ports:\n  - port: 5432\n',
    },
    {
      name: 'ExternalName',
      code:
        DEPLOY +
        '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  type: ExternalName\n  externalName: db.example.com\n  selector:\n    app: db\n',
    },
    {
      name: 'workloads in another namespace do not count',
      code: DEPLOY + '---\n' + SERVICE('    app: api\n', '  namespace: other\n'),
    },
    {
      name: 'the Deployment is in another file of the workspace',
      code: SERVICE('    app: web\n'),
      workspace: { 'deployment.yaml': DEPLOY },
    },
    {
      name: 'the other files are still being indexed: a Service alone in its file says nothing',
      code: SERVICE('    app: api\n'),
      workspace: { 'deployment.yaml': DEPLOY },
      incomplete: true,
    },
    {
      name: 'across files, a selector on keys no workload uses selects pods made elsewhere (an operator)',
      code: SERVICE('    app.kubernetes.io/name: dcgm-exporter\n'),
      workspace: { 'deployment.yaml': DEPLOY },
    },
    {
      name: 'a template beside it may hold the workload',
      code: SERVICE('    app: vtgate\n'),
      workspace: {
        'deployment.yaml': DEPLOY,
        'app/vtgate-template.yaml':
          'apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: vtgate-{{cell}}\n',
      },
    },
    {
      name: 'another application beside this one does not judge it',
      code: SERVICE('    app: api\n'),
      workspace: { 'other-app/deployment.yaml': DEPLOY },
    },
    {
      name: 'a named targetPort that the selected pods declare',
      code: SERVICE('    app: web\n').replace('  - port: 80\n', '  - port: 80\n    targetPort: http\n'),
      workspace: {
        'deployment.yaml': DEPLOY.replace(
          'image: nginx:1.27\n',
          'image: nginx:1.27\n        ports:\n        - name: http\n          containerPort: 8080\n',
        ),
      },
    },
    {
      name: 'a numeric targetPort is not checked (a container may listen on ports it does not declare)',
      code: SERVICE('    app: web\n').replace('  - port: 80\n', '  - port: 80\n    targetPort: 8080\n'),
      workspace: { 'deployment.yaml': DEPLOY },
    },
    {
      name: 'skipped by a kube-linter annotation',
      code:
        DEPLOY +
        '---\n' +
        SERVICE(
          '    app: api\n',
          '  annotations:\n    ignore-check.kube-linter.io/dangling-service: "pods come from the operator"\n',
        ),
    },
  ],
  invalid: [
    {
      name: 'a typo in the selector: it is rewritten to the Deployment of the same name',
      code:
        DEPLOY +
        `---
# Public endpoint.
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
  ~~~~~~~~
    app: wbe
  ports:
  - port: 80 # http`,
      output:
        DEPLOY +
        '---\n# Public endpoint.\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80 # http',
    },
    {
      name: 'the workload selects other labels than its pods carry: the Service gets the pod labels',
      code:
        DEPLOY.replace('      labels:\n        app: web', '      labels:\n        app: web-v2') +
        `---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
  ~~~~~~~~
    app: wbe`,
      output:
        DEPLOY.replace('      labels:\n        app: web', '      labels:\n        app: web-v2') +
        '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web-v2\n    tier: frontend',
    },
    {
      name: 'two workloads, none named like the Service: no fix (CRLF)',
      code: (
        DEPLOY +
        '---\n' +
        DEPLOY.replace(/web/g, 'api') +
        '---\n' +
        SERVICE('    app: frontend\n').replace('name: web', 'name: public')
      ).replace(/\n/g, '\r\n'),
      ranges: ['41:2-41:10'],
      output: null,
    },
    {
      name: 'the Deployment of the same name is in another file: the selector is pointed at its pods',
      code: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
  ~~~~~~~~
    app: wbe
  ports:
  - port: 80`,
      workspace: { 'deployment.yaml': DEPLOY, 'base/api.yaml': DEPLOY.replace(/web/g, 'api') },
      messageIds: ['dangling'],
      output:
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80',
    },
    {
      name: 'a named targetPort no selected container declares',
      code: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: http
                ~~~~`,
      workspace: { 'deployment.yaml': DEPLOY },
      messageIds: ['targetPort'],
    },
  ],
});
