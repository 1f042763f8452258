import rule from '../../../server/src/rules/kubernetes/syntax-error';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

testKubernetesRule(rule, {
  valid: [
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: "1"\n',
    {
      name: 'several documents, comments and an empty one',
      code: '# header\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n',
    },
    {
      name: 'anchors and merge keys',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: &l\n    app: a\n  annotations:\n    <<: *l\n',
    },
  ],
  invalid: [
    {
      name: 'a key given twice',
      code: `
apiVersion: v1
kind: ConfigMap
metadata:
  name: a
  name: b
  ~~~~
data: {}`,
      output: null,
    },
    {
      name: 'an error in the second document of a CRLF file is placed in that document',
      code: 'apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: a\r\n---\r\napiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: "b\r\n',
      ranges: ['8:2-8:10'],
    },
  ],
});
