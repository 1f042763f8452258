import assert from 'node:assert/strict';
import { it } from 'node:test';
import { defaultConfig } from '../../../server/src/core/config';
import rule from '../../../server/src/rules/kubernetes/secret-from-env';
import { podWith } from '../../helpers/kubernetes-fixtures';
import { runKubernetesRule, testKubernetesRule } from '../../helpers/kubernetes-tester';

const KEY_REF =
  '    env:\n    - name: DB_PASSWORD\n      valueFrom:\n        secretKeyRef:\n        ~~~~~~~~~~~~\n          name: db\n          key: password\n';
const ENV_FROM = '    envFrom:\n    - secretRef:\n      ~~~~~~~~~\n        name: db\n';

testKubernetesRule(rule, {
  valid: [
    {
      name: 'a Secret mounted as a file',
      code: podWith(
        '    volumeMounts:\n    - name: db\n      mountPath: /run/secrets/db\n',
        '  volumes:\n  - name: db\n    secret:\n      secretName: db\n',
      ),
    },
    {
      name: 'a ConfigMap key',
      code: podWith(
        '    env:\n    - name: LEVEL\n      valueFrom:\n        configMapKeyRef:\n          name: api\n          key: level\n',
      ),
    },
    podWith('    env:\n    - name: LEVEL\n      value: info\n'),
  ],
  invalid: [
    { name: 'secretKeyRef', code: podWith(KEY_REF), messageIds: ['keyRef'], output: null },
    { name: 'envFrom secretRef', code: podWith(ENV_FROM), messageIds: ['envFrom'], output: null },
    {
      name: 'an init container, CRLF',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: api\r\nspec:\r\n  initContainers:\r\n  - name: migrate\r\n    image: registry.example.com/api:1.4.2\r\n    env:\r\n    - name: DB_PASSWORD\r\n      valueFrom:\r\n        secretKeyRef: {name: db, key: password}\r\n  containers:\r\n  - name: api\r\n    image: registry.example.com/api:1.4.2\r\n',
      ranges: ['11:8-11:20'],
      output: null,
    },
  ],
});

it('kubernetes/secret-from-env: only secretKeyRef findings answer to kube-linter', () => {
  const text = podWith(
    KEY_REF.replace('        ~~~~~~~~~~~~\n', '') + ENV_FROM.replace('      ~~~~~~~~~\n', ''),
  );
  const config = { ...defaultConfig(), rules: { [rule.id]: rule.severity } };
  const found = runKubernetesRule(rule, text, config);
  assert.deepEqual(
    found.map((f) => f.aliases),
    [['kube-linter:read-secret-from-env-var'], []],
  );
});
