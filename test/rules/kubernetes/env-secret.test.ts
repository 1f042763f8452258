import rule from '../../../server/src/rules/kubernetes/env-secret';
import { podWith } from '../../helpers/kubernetes-fixtures';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const POD = (env: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    env:\n${env}`;

testKubernetesRule(rule, {
  valid: [
    POD(
      '    - name: DATABASE_URL\n      valueFrom:\n        secretKeyRef:\n          name: publishing-secrets\n          key: database-url\n',
    ),
    {
      name: 'names about a credential, not the credential',
      code: POD(
        '    - name: PASSWORD_MIN_LENGTH\n      value: "12"\n    - name: TOKEN_TTL\n      value: 1h\n    - name: SECRET_FILE\n      value: /run/secrets/api\n    - name: AWS_ACCESS_KEY_ID\n      value: AKIAEXAMPLE\n    - name: JWT_ISSUER\n      value: https://auth.example.com\n',
      ),
    },
    {
      name: 'flags and references',
      code: POD(
        '    - name: AUTH_TOKEN_REQUIRED\n      value: "true"\n    - name: API_KEY\n      value: $(API_KEY_FROM_FILE)\n    - name: PASSWORD\n      value: ""\n',
      ),
    },
    {
      name: 'a URL without credentials',
      code: POD('    - name: REDIS_URL\n      value: redis://redis:6379/0\n'),
    },
    {
      name: "etcd's initial cluster token names the cluster",
      code: podWith('    env:\n    - name: ETCD_INITIAL_CLUSTER_TOKEN\n      value: etcd-cluster-1\n'),
    },
    {
      name: 'placeholders are not credentials',
      code: podWith(
        '    env:\n    - name: DB_PASSWORD\n      value: ${DB_PASSWORD}\n    - name: API_TOKEN\n      value: <your-token>\n    - name: ADMIN_PASSWORD\n      value: changeme\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'a password literal moves into a new Secret',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: registry.example.com/api:1.4.2
    env:
    - name: DATABASE_PASSWORD # rotated quarterly
      value: hunter2
             ~~~~~~~
    - name: LOG_LEVEL
      value: info`,
      messageIds: ['name'],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    env:\n    - name: DATABASE_PASSWORD # rotated quarterly\n      valueFrom:\n        secretKeyRef:\n          name: api-secrets\n          key: database-password\n    - name: LOG_LEVEL\n      value: info\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: api-secrets\ntype: Opaque\nstringData:\n  database-password: hunter2\n',
    },
    {
      name: 'a URL with a password, into the Secret the file already has (CRLF)',
      code: 'apiVersion: apps/v1\r\nkind: Deployment\r\nmetadata:\r\n  name: publishing-api\r\n  namespace: pub\r\nspec:\r\n  selector:\r\n    matchLabels:\r\n      app: p\r\n  template:\r\n    metadata:\r\n      labels:\r\n        app: p\r\n    spec:\r\n      containers:\r\n      - name: api\r\n        image: registry.example.com/publishing-api:v1.0.0\r\n        env:\r\n        - name: DATABASE_URL\r\n          value: "postgresql://app:s3cret@db:5432/pub"\r\n---\r\napiVersion: v1\r\nkind: Secret\r\nmetadata:\r\n  name: publishing-api-secrets\r\n  namespace: pub\r\nstringData:\r\n  other: x\r\n',
      ranges: ['19:17-19:54'],
      messageIds: ['url'],
      output:
        'apiVersion: apps/v1\r\nkind: Deployment\r\nmetadata:\r\n  name: publishing-api\r\n  namespace: pub\r\nspec:\r\n  selector:\r\n    matchLabels:\r\n      app: p\r\n  template:\r\n    metadata:\r\n      labels:\r\n        app: p\r\n    spec:\r\n      containers:\r\n      - name: api\r\n        image: registry.example.com/publishing-api:v1.0.0\r\n        env:\r\n        - name: DATABASE_URL\r\n          valueFrom:\r\n            secretKeyRef:\r\n              name: publishing-api-secrets\r\n              key: database-url\r\n---\r\napiVersion: v1\r\nkind: Secret\r\nmetadata:\r\n  name: publishing-api-secrets\r\n  namespace: pub\r\nstringData:\r\n  other: x\r\n  database-url: "postgresql://app:s3cret@db:5432/pub"\r\n',
    },
    {
      name: 'the message never repeats the value',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: registry.example.com/api:1.4.2
    env:
    - name: STRIPE_SECRET_KEY
      value: sk_live_abcdef
             ~~~~~~~~~~~~~~`,
    },
    {
      name: 'a PEM private key and an AWS access key id in innocuously named variables',
      code: podWith(
        '    env:\n    - name: TLS_BUNDLE\n      value: |\n        -----BEGIN RSA PRIVATE KEY-----\n        MIIEowIBAAKCAQEA\n        -----END RSA PRIVATE KEY-----\n    - name: AWS_KEY\n      value: AKIAIOSFODNN7EXAMPLE\n',
      ),
      ranges: ['10:13-14:0', '15:13-15:33'],
      messageIds: ['value', 'value'],
    },
  ],
});
