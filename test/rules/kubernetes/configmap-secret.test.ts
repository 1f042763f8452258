import rule from '../../../server/src/rules/kubernetes/configmap-secret';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const cm = (data: string): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api\ndata:\n${data}`;

testKubernetesRule(rule, {
  valid: [
    cm(
      '  DATABASE_HOST: db.internal\n  PASSWORD_MIN_LENGTH: "12"\n  TOKEN_TTL: 1h\n  API_TOKEN: ${API_TOKEN}\n  SECRET: ""\n',
    ),
    {
      name: 'a config file mentioning a password setting',
      code: cm('  app.conf: |\n    password_file = /run/secrets/db\n    token = ${TOKEN}\n'),
    },
  ],
  invalid: [
    {
      name: 'credentials by name, in a URL, and a private key in a file',
      code: `
apiVersion: v1
kind: ConfigMap
metadata:
  name: api
data:
  DATABASE_PASSWORD: hunter2
  ~~~~~~~~~~~~~~~~~
  CACHE_URL: redis://app:s3cr3t@cache:6379/0
  ~~~~~~~~~
  tls.key: |
  ~~~~~~~
    -----BEGIN PRIVATE KEY-----
    MIIEvQIBADANBgkqhkiG9w0BAQEFAASC
    -----END PRIVATE KEY-----`,
      output: null,
    },
  ],
});
