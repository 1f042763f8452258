import rule from '../../../server/src/rules/kubernetes/servicemonitor-selector';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const SERVICE =
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  labels:\n    app: api\nspec:\n  selector:\n    app: api-pods\n  ports:\n  - name: metrics\n    port: 9090\n';

const MONITOR = (app: string, extra = '') =>
  `apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: api\nspec:\n${extra}  selector:\n    matchLabels:\n      app: ${app}\n  endpoints:\n  - port: metrics\n`;

testKubernetesRule(rule, {
  valid: [
    { name: "matches the Service's own labels", code: SERVICE + '---\n' + MONITOR('api') },
    { name: 'the Service is in another file', code: MONITOR('api'), workspace: { 'app/svc.yaml': SERVICE } },
    { name: 'no Service known', code: MONITOR('other') },
    {
      name: 'a namespaceSelector looks elsewhere',
      code: SERVICE + '---\n' + MONITOR('other', '  namespaceSelector:\n    any: true\n'),
    },
  ],
  invalid: [
    {
      name: "the Service's selector is not its labels",
      code:
        SERVICE +
        '---\n' +
        MONITOR('api-pods').replace(
          '  selector:\n    matchLabels:',
          '  selector:\n  ~~~~~~~~\n    matchLabels:',
        ),
      messageIds: ['dangling'],
    },
    {
      name: 'the Service in another file has other labels',
      code: MONITOR('billing').replace(
        '  selector:\n    matchLabels:',
        '  selector:\n  ~~~~~~~~\n    matchLabels:',
      ),
      workspace: { 'app/svc.yaml': SERVICE },
    },
  ],
});
