import rule from '../../../server/src/rules/kubernetes/deprecated-service-account';
import { podWith } from '../../helpers/kubernetes-fixtures';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

testKubernetesRule(rule, {
  valid: [podWith('', '  serviceAccountName: api\n')],
  invalid: [
    {
      name: 'renamed',
      code: podWith('', '  serviceAccount: api # set by the chart\n'),
      ranges: ['5:2-5:16'],
      output: podWith('', '  serviceAccountName: api # set by the chart\n'),
    },
    {
      name: 'both set to the same account: the deprecated one is removed (CRLF)',
      code: podWith('', '  serviceAccountName: api\n  serviceAccount: api\n').replace(/\n/g, '\r\n'),
      ranges: ['6:2-6:16'],
      output: podWith('', '  serviceAccountName: api\n').replace(/\n/g, '\r\n'),
    },
    {
      name: 'they differ: no fix',
      code: podWith('', '  serviceAccountName: api\n  serviceAccount: legacy\n'),
      ranges: ['6:2-6:16'],
      messageIds: ['conflict'],
      output: null,
    },
  ],
});
