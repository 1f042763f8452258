import rule from '../../../server/src/rules/kubernetes/default-service-account';
import { podWith } from '../../helpers/kubernetes-fixtures';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

testKubernetesRule(rule, {
  valid: [
    podWith('', '  serviceAccountName: api\n'),
    { name: 'the deprecated field names one too', code: podWith('', '  serviceAccount: api\n') },
  ],
  invalid: [
    { name: 'no account', code: podWith(''), ranges: ['3:8-3:11'], output: null },
    {
      name: 'default, explicitly',
      code: podWith('', '  serviceAccountName: default\n'),
      ranges: ['5:22-5:29'],
      output: null,
    },
  ],
});
