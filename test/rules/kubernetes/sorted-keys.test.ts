import rule from '../../../server/src/rules/kubernetes/sorted-keys';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const CM = (data: string) => `apiVersion: v1\ndata:\n${data}kind: ConfigMap\nmetadata:\n  name: api\n`;

testKubernetesRule(rule, {
  valid: [
    { name: 'sorted', code: CM('  API_URL: https://api.example.com\n  LOG_LEVEL: info\n') },
    {
      name: 'sorted at every level, sequences walked',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    app: api\n  name: api\nspec:\n  containers:\n  - image: registry.example.com/api:1.4.2\n    name: api\n',
    },
    {
      name: 'an alias is checked where its anchor is written',
      code: 'apiVersion: v1\nitems:\n- &a {a: 1, b: 2}\n- *a\nkind: List\nmetadata: {}\n',
    },
  ],
  invalid: [
    {
      name: 'one finding per mapping, on the first key that sorts before the one above',
      code: CM('  LOG_LEVEL: info\n  API_URL: https://api.example.com\n  ~~~~~~~\n  ZONE: a\n  B: b\n'),
      messageIds: ['unsorted'],
      output: null,
    },
    {
      name: 'nested in a sequence',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    ~~~~~\n',
      output: null,
    },
    {
      name: 'byte order: capitals first, CRLF',
      code: CM('  b: 1\n  B: 2\n').replace(/\n/g, '\r\n'),
      ranges: ['3:2-3:3'],
      output: null,
    },
  ],
});
