import rule from '../../../server/src/rules/kubernetes/automount-token';
import { deployment, podWith, webContainer } from '../../helpers/kubernetes-fixtures';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const SA_OFF =
  'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\nautomountServiceAccountToken: false\n---\n';

testKubernetesRule(rule, {
  valid: [
    podWith('', '  automountServiceAccountToken: false\n'),
    {
      name: "the file's ServiceAccount turns it off and the pod leaves it unset",
      code: SA_OFF + deployment('      serviceAccountName: web\n' + webContainer()),
    },
  ],
  invalid: [
    {
      name: 'unset: false is added to the pod spec',
      code: deployment(webContainer()),
      ranges: ['3:8-3:11'],
      output: deployment(webContainer() + '      automountServiceAccountToken: false\n'),
    },
    {
      name: 'the pod sets true over its ServiceAccount (CRLF)',
      code: (
        SA_OFF +
        deployment(
          '      serviceAccountName: web\n      automountServiceAccountToken: true\n' + webContainer(),
        )
      ).replace(/\n/g, '\r\n'),
      ranges: ['20:36-20:40'],
      output: (
        SA_OFF +
        deployment(
          '      serviceAccountName: web\n      automountServiceAccountToken: false\n' + webContainer(),
        )
      ).replace(/\n/g, '\r\n'),
    },
  ],
});
