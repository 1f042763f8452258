import assert from 'node:assert/strict';
import { it } from 'node:test';
import rule from '../../../server/src/rules/kubernetes/missing-reference';
import { runKubernetesRule, testKubernetesRule } from '../../helpers/kubernetes-tester';

const CONFIG = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api-config\ndata:\n  LOG_LEVEL: info\n';
const SECRET =
  'apiVersion: v1\nkind: Secret\nmetadata:\n  name: api-db\nstringData:\n  password: change-me\n';
const SA = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n';

const POD = (spec: string, container = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n${spec}      containers:\n      - name: api\n        image: registry.example.com/api:1.4.2\n${container}`;

const KEY_REF = (ref: string, name: string, key: string) =>
  `        env:\n        - name: VALUE\n          valueFrom:\n            ${ref}:\n              name: ${name}\n              key: ${key}\n`;

const ENV_FROM = (name: string) => `        envFrom:\n        - configMapRef:\n            name: ${name}\n`;

testKubernetesRule(rule, {
  valid: [
    { name: 'the ConfigMap is in the file', code: CONFIG + '---\n' + POD('', ENV_FROM('api-config')) },
    {
      name: 'the ConfigMap is in another file',
      code: POD('', ENV_FROM('api-config')),
      workspace: { 'app/cm.yaml': CONFIG },
    },
    { name: 'no ConfigMap known: it may be made elsewhere', code: POD('', ENV_FROM('api-settings')) },
    {
      name: 'optional references may be missing',
      code: CONFIG + '---\n' + POD('', ENV_FROM('api-extra') + '            optional: true\n'),
    },
    {
      name: 'the default ServiceAccount always exists',
      code: SA + '---\n' + POD('      serviceAccountName: default\n'),
    },
    {
      name: 'a SealedSecret makes the Secret',
      code: POD(
        '',
        '        env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: api-db\n              key: password\n',
      ),
      workspace: {
        'app/sealed.yaml':
          'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: api-db\nspec:\n  encryptedData:\n    password: AgB\n',
        'app/other.yaml': SECRET.replace('api-db', 'other'),
      },
    },
    {
      name: 'a kustomize generator makes the ConfigMap',
      code: POD('', ENV_FROM('api-env')),
      workspace: {
        'app/cm.yaml': CONFIG,
        'app/kustomization.yaml':
          'resources: [deploy.yaml]\nconfigMapGenerator:\n- name: api-env\n  literals: [A=1]\n',
      },
    },
    {
      name: 'index still being built',
      code: POD('', ENV_FROM('api-configs')),
      workspace: { 'app/cm.yaml': CONFIG },
      incomplete: true,
    },
    {
      name: 'a key the ConfigMap holds',
      code: CONFIG + '---\n' + POD('', KEY_REF('configMapKeyRef', 'api-config', 'LOG_LEVEL')),
    },
    {
      name: 'Secret keys from stringData and data',
      code:
        SECRET.replace('stringData:', 'data:\n  user: YXBp\nstringData:') +
        '---\n' +
        POD(
          '',
          KEY_REF('secretKeyRef', 'api-db', 'user') + KEY_REF('secretKeyRef', 'api-db', 'password').slice(13),
        ),
    },
    {
      name: 'another ConfigMap of that name elsewhere (an overlay) may hold the key',
      code: CONFIG + '---\n' + POD('', KEY_REF('configMapKeyRef', 'api-config', 'LOG_FORMAT')),
      workspace: { 'overlays/prod/cm.yaml': CONFIG.replace('LOG_LEVEL: info', 'LOG_FORMAT: json') },
    },
    {
      name: 'an optional key may be missing',
      code:
        CONFIG +
        '---\n' +
        POD('', KEY_REF('configMapKeyRef', 'api-config', 'LOG_FORMAT') + '              optional: true\n'),
    },
    {
      name: 'the ConfigMap is in another namespace: its keys are not judged',
      code:
        CONFIG.replace('name: api-config', 'name: api-config\n  namespace: other') +
        '---\n' +
        POD('', KEY_REF('configMapKeyRef', 'api-config', 'LOG_FORMAT')),
    },
  ],
  invalid: [
    {
      name: 'a key the ConfigMap does not hold, one typo away',
      code:
        CONFIG +
        '---\n' +
        POD('', KEY_REF('configMapKeyRef', 'api-config', 'LOG_LEVL') + '                   ~~~~~~~~\n'),
      messageIds: ['key'],
      output: CONFIG + '---\n' + POD('', KEY_REF('configMapKeyRef', 'api-config', 'LOG_LEVEL')),
    },
    {
      name: 'a Secret key with no near miss, CRLF',
      code: (SECRET + '---\n' + POD('', KEY_REF('secretKeyRef', 'api-db', 'token'))).replace(/\n/g, '\r\n'),
      ranges: ['28:19-28:24'],
      messageIds: ['key'],
      output: null,
    },
    {
      name: 'a ConfigMap one typo away, in another file',
      code: POD('', ENV_FROM('api-configs')) + '                  ~~~~~~~~~~~\n',
      workspace: { 'app/cm.yaml': CONFIG },
      messageIds: ['ConfigMap'],
      output: POD('', ENV_FROM('api-config')),
    },
    {
      name: 'a missing ServiceAccount, a Secret volume and a Secret key',
      code:
        SA +
        '---\n' +
        SECRET +
        '---\n' +
        POD(
          '      serviceAccountName: apii\n                          ~~~~\n      volumes:\n      - name: tls\n        secret:\n          secretName: api-tls\n                      ~~~~~~~\n',
          '        env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: api-dbb\n                    ~~~~~~~\n              key: password\n',
        ),
      messageIds: ['ServiceAccount', 'Secret', 'Secret'],
    },
  ],
});

it('kubernetes/missing-reference: valueFrom findings answer to env-value-from, the ServiceAccount to its own check', () => {
  const text =
    SA +
    '---\n' +
    CONFIG +
    '---\n' +
    POD(
      '      serviceAccountName: apii\n',
      KEY_REF('configMapKeyRef', 'api-config', 'LOG_LEVL') + ENV_FROM('api-configs'),
    );
  assert.deepEqual(
    runKubernetesRule(rule, text).map((f) => [f.message.split(' ')[0], f.aliases]),
    [
      ['Deployment', ['kube-linter:non-existent-service-account']],
      ['container', ['kube-linter:env-value-from']],
      ['container', []],
    ],
  );
});
