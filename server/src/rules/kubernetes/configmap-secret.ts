import { defineRule } from '../../core/rule';
import {
  entries,
  get,
  isScalar,
  looksSecret,
  POLARIS_NAME,
  rangeOf,
  type KubernetesModel,
} from '../../languages/kubernetes';
import { deref } from '../../languages/yaml/model';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/configmap-secret',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: ['polaris:sensitiveConfigmapContent'],
  fix: null,
  messages: {
    secret:
      "ConfigMap {name} holds a credential in {key}: ConfigMaps are readable by anyone who can read the namespace's configuration, and are not encrypted at rest. Put it in a Secret.",
  },
  docs: {
    summary: 'Credentials belong in Secrets, not in ConfigMaps.',
    rationale:
      'ConfigMaps are meant to be read widely (many roles grant `get configmaps`), are shown by `kubectl describe` ' +
      'and are never encrypted at rest. A key named like a credential (PASSWORD, TOKEN, SECRET, API_KEY…) with a ' +
      'literal value, a URL with a password, or a value that is a PEM private key or a known token shape is ' +
      'reported, whatever the key is called in the last two cases; placeholders (`${VAR}`, `<token>`, ' +
      '`changeme`), flags and empty values are left alone. Whole config files in a key are judged by their ' +
      'shape only (a private key inside them). No fix: moving a key to a Secret also changes how pods read it.',
    bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api\ndata:\n  DATABASE_PASSWORD: hunter2\n',
    good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api\ndata:\n  DATABASE_HOST: db.internal\n',
  },
  check(ctx) {
    for (const m of ctx.model.configMaps)
      for (const e of entries(get(m.root, 'data')?.value)) {
        const v = deref(e.value);
        if (!isScalar(v) || typeof v.value !== 'string' || v.value === '') continue;
        const value = v.value;
        // A multi-line value is a file: only its content's shape tells, not the key's name.
        const kind = value.includes('\n')
          ? value.includes('PRIVATE KEY-----')
            ? 'value'
            : null
          : looksSecret(e.key, value);
        if (!kind) continue;
        ctx.report({
          at: rangeOf(ctx.doc, e.keyNode),
          messageId: 'secret',
          aliases:
            POLARIS_NAME.test(e.key) || value.includes('PRIVATE KEY-----')
              ? ['polaris:sensitiveConfigmapContent']
              : [],
          data: { name: m.name ?? '', key: e.key },
        });
      }
  },
});
