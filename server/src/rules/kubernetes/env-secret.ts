import { Buffer } from 'node:buffer';
import { defineRule, type FixSpec } from '../../core/rule';
import type { TextDoc, TextEdit } from '../../core/text';
import { addToEntry, addToMap, scalar, styleOf, yamlLines, type YValue } from '../../fixes/kubernetes';
import { appendDocument } from '../../fixes/yaml';
import {
  containerLabel,
  get,
  items,
  mapAt,
  rangeOf,
  sameNamespace,
  stable,
  str,
  type Container,
  type Entry,
  type KubernetesModel,
  looksSecret,
  POLARIS_NAME,
} from '../../languages/kubernetes';
import { contentEnd } from '../../languages/yaml/model';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/env-secret',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: ['kube-linter:env-var-secret', 'polaris:sensitiveContainerEnvVar'],
  fix: 'unsafe',
  messages: {
    name: '{container} sets {env} to a literal value: a credential in the manifest ends up in git, in `kubectl describe` and in every copy of this file. Read it from a Secret (secretKeyRef).',
    url: '{container} sets {env} to a URL with a password in it: read it from a Secret (secretKeyRef).',
    value:
      '{container} sets {env} to what looks like a private key or an access token: read it from a Secret (secretKeyRef).',
  },
  docs: {
    summary: 'Credentials should come from Secrets (secretKeyRef), not literal env values.',
    rationale:
      'A password or token written as an env `value` is visible to anyone who can read the Deployment (`kubectl ' +
      "get -o yaml`, `describe`), is copied into every pod spec and every environment's file, and cannot be " +
      'rotated without a rollout. Read such values through `secretKeyRef` instead. Reported for variables ' +
      'named like credentials (PASSWORD, SECRET, TOKEN, API_KEY, PRIVATE_KEY…, but not `…_FILE`, `…_PATH`, ' +
      '`…_URL`, `…_TIMEOUT`, `…_ID` and other names about a credential), and for any value that is a URL with a ' +
      'password, a PEM private key, or a token of a known shape (AWS access key ids, GitHub, Slack, Google API and ' +
      'Stripe live keys) whatever the variable is called; flags, small numbers, `$(VAR)` references and ' +
      'placeholders (`${VAR}`, `<token>`, `changeme`, empty) are left alone. The message never repeats the ' +
      'value. The fix moves the value into a Secret named `<workload>-secrets` (added to the file, or to that ' +
      'Secret when the file has it) and reads it with `secretKeyRef`: the value is then in a Secret, where RBAC, ' +
      'encryption at rest and external secret managers can take over.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    env:\n    - name: DATABASE_PASSWORD\n      value: hunter2\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    env:\n    - name: DATABASE_PASSWORD\n      valueFrom:\n        secretKeyRef:\n          name: api-secrets\n          key: database-password\n',
  },
  check(ctx) {
    const doc = ctx.doc;
    for (const w of ctx.model.workloads)
      for (const c of w.containers)
        for (const env of items(get(c.node, 'env')?.value)) {
          const name = str(get(env, 'name')?.value);
          const valueEntry = get(env, 'value');
          const value = str(valueEntry?.value);
          if (!name || !valueEntry || !value) continue;
          const kind = looksSecret(name, value);
          if (!kind) continue;
          ctx.report({
            at: rangeOf(doc, valueEntry),
            messageId: kind,
            aliases: [
              ...(/secret/i.test(name) ? ['kube-linter:env-var-secret'] : []),
              ...(POLARIS_NAME.test(name) || value.includes('PRIVATE KEY-----')
                ? ['polaris:sensitiveContainerEnvVar']
                : []),
            ],
            data: { container: containerLabel(c), env: name },
            fix: stable(w.manifest.document, () => moveToSecret(ctx.model, doc, c, name, value, valueEntry)),
          });
        }
  },
});

function moveToSecret(
  model: KubernetesModel,
  doc: TextDoc,
  c: Container,
  envName: string,
  value: string,
  valueEntry: Entry,
): FixSpec | undefined {
  const m = c.workload.manifest;
  const secretName = `${m.name ?? 'app'}-secrets`;
  const key = envName.toLowerCase().replace(/_/g, '-');
  const style = styleOf(doc);
  const start = valueEntry.keyNode.range?.[0];
  if (start === undefined || !valueEntry.value) return undefined;
  const column = doc.positionAt(start).character;
  const ref = yamlLines({ valueFrom: { secretKeyRef: { name: secretName, key } } }, style);
  const edits: TextEdit[] = [
    {
      range: doc.rangeOf(start, contentEnd(valueEntry.value)),
      newText: ref.join(doc.eol + ' '.repeat(column)),
    },
  ];
  const existing = model.secrets.find((s) => s.name === secretName && sameNamespace(s, m));
  if (existing) {
    const stringData = get(existing.root, 'stringData');
    const data = get(existing.root, 'data');
    if (get(mapAt(stringData?.value), key) || get(mapAt(data?.value), key)) return undefined;
    const e = stringData
      ? addToEntry(doc, stringData, [`${scalar(key)}: ${scalar(value)}`])
      : data
        ? addToEntry(doc, data, [`${scalar(key)}: ${Buffer.from(value, 'utf8').toString('base64')}`])
        : addToMap(doc, existing.root, yamlLines({ stringData: { [key]: value } }, style));
    if (!e) return undefined;
    edits.push(e);
  } else {
    const metadata: Record<string, YValue> = { name: secretName };
    if (m.namespace) metadata.namespace = m.namespace;
    edits.push(
      appendDocument(
        doc,
        yamlLines(
          { apiVersion: 'v1', kind: 'Secret', metadata, type: 'Opaque', stringData: { [key]: value } },
          style,
        ),
      ),
    );
  }
  return { title: `Move ${envName} into Secret ${secretName} (changes behaviour)`, edits };
}
