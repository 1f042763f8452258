import rule from '../../../server/src/rules/kubernetes/owner-email';
import { pod, podWith } from '../../helpers/kubernetes-fixtures';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const CONTAINER = '  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n';
const WITH = (annotations: string) => pod(CONTAINER, `  annotations:\n${annotations}`);

testKubernetesRule(rule, {
  valid: [
    { name: 'email', code: WITH('    email: payments@example.com\n') },
    {
      name: 'a key that contains email',
      code: WITH('    example.com/owner-email: "Payments <pay.team+k8s@mail.example.co.uk>"\n'),
    },
    { name: 'a kustomize patch', code: '$patch: merge\n' + podWith('') },
  ],
  invalid: [
    {
      name: 'no annotations: on the name',
      code: podWith(''),
      ranges: ['3:8-3:11'],
      messageIds: ['missing'],
      output: null,
    },
    {
      name: 'an email key without an address: on annotations',
      code: WITH('    email: payments team\n').replace('  annotations:\n', '  annotations:\n  ~~~~~~~~~~~\n'),
      output: null,
    },
    {
      name: 'an address under another key, CRLF',
      code: WITH('    contact: payments@example.com\n').replace(/\n/g, '\r\n'),
      ranges: ['4:2-4:13'],
      output: null,
    },
  ],
});
