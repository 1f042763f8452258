import rule from '../../../server/src/rules/kubernetes/default-namespace';
import { pod, podWith } from '../../helpers/kubernetes-fixtures';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const CONTAINER = '  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n';
const SERVICE = (ns: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n${ns}spec:\n  selector:\n    app: api\n  ports:\n  - port: 80\n`;

testKubernetesRule(rule, {
  valid: [
    { name: 'a namespace', code: pod(CONTAINER, '  namespace: payments\n') },
    { name: 'a Service in a namespace', code: SERVICE('  namespace: payments\n') },
    { name: 'a kustomize patch', code: '$patch: merge\n' + podWith('') },
    {
      name: 'other kinds are not checked',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api\ndata:\n  a: b\n',
    },
  ],
  invalid: [
    {
      name: 'no namespace: on the name',
      code: podWith(''),
      ranges: ['3:8-3:11'],
      messageIds: ['unset'],
      output: null,
    },
    {
      name: 'the default namespace',
      code: SERVICE('  namespace: default\n             ~~~~~~~\n'),
      messageIds: ['default'],
      output: null,
    },
    {
      name: 'CRLF',
      code: SERVICE('  namespace: default\n').replace(/\n/g, '\r\n'),
      ranges: ['4:13-4:20'],
      output: null,
    },
  ],
});
