import rule from '../../../server/src/rules/kubernetes/secret-base64';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

testKubernetesRule(rule, {
  valid: [
    'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  password: aHVudGVyMg==\n  empty: ""\n',
    {
      name: 'line breaks inside a value',
      code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  cert: |\n    aHVudGVy\n    Mg==\n',
    },
    {
      name: 'stringData is plain text',
      code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: hunter2!\n',
    },
    {
      name: 'ConfigMap data is plain text',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  LOG_LEVEL: info\n',
    },
  ],
  invalid: [
    {
      name: "seed 001's placeholders, encoded as written",
      code: `
apiVersion: v1
kind: Secret
metadata:
  name: newstalk-ai-secrets
type: Opaque
data:
  # filled in by the deploy script
  OPENAI_API_KEY: <base64-encoded-key>
                  ~~~~~~~~~~~~~~~~~~~~`,
      output:
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: newstalk-ai-secrets\ntype: Opaque\ndata:\n  # filled in by the deploy script\n  OPENAI_API_KEY: PGJhc2U2NC1lbmNvZGVkLWtleT4=',
    },
    {
      name: 'missing padding, and ConfigMap binaryData (CRLF)',
      code: 'apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: c\r\nbinaryData:\r\n  logo: "aGk"\r\n',
      ranges: ['5:8-5:13'],
      output:
        'apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: c\r\nbinaryData:\r\n  logo: YUdr\r\n',
    },
  ],
});
