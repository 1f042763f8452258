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
} from '../../languages/kubernetes';
import { contentEnd } from '../../languages/yaml/model';

/** Words that make an environment variable's value a credential. */
const SECRET_WORD =
  /(^|_)(PASSWORD|PASSWD|PASSPHRASE|PWD|SECRET|SECRETS|TOKEN|APIKEY|API_KEY|ACCESS_KEY|PRIVATE_KEY|SECRET_KEY|CLIENT_SECRET|CREDENTIALS?|AUTH_TOKEN|SIGNING_KEY|ENCRYPTION_KEY|DSN)($|_)/i;
/** A last word that makes the variable about a credential rather than the credential itself. */
const NOT_A_SECRET =
  /_(FILE|PATH|DIR|NAME|NAMES|URL|URI|ENDPOINT|HOST|PORT|TTL|TIMEOUT|EXPIRY|EXPIRES|EXPIRATION|LIFETIME|SECONDS|MINUTES|HOURS|DAYS|HEADER|FIELD|PARAM|ENABLED|DISABLED|ENABLE|DISABLE|REQUIRED|MODE|TYPE|ID|VERSION|ALGORITHM|ALG|ISSUER|AUDIENCE|COUNT|RETRIES|LIMIT|SIZE|LENGTH|MIN_LENGTH|PREFIX|LOCATION|REF|ARN|REGION|KEY_ID)$/i;
/** Credentials inside a connection URL: `scheme://user:password@host`. */
const URL_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i;

/**
 * Values that are credentials whatever the variable is called: a PEM private key block, cloud and
 * service tokens with a fixed prefix and length.
 */
const SECRET_VALUE =
  /-----BEGIN [A-Z ]{0,20}PRIVATE KEY-----|^(AKIA|ASIA)[0-9A-Z]{16}$|^gh[pousr]_[A-Za-z0-9]{36}$|^github_pat_[A-Za-z0-9_]{80,}$|^xox[abprs]-[A-Za-z0-9-]{10,}$|^AIza[0-9A-Za-z_-]{35}$|^sk_live_[0-9A-Za-z]{24,}$/;
/** Stand-ins written where the real value goes later: not credentials. */
const PLACEHOLDER =
  /^(\$\{[^}]*\}|\{\{.*\}\}|<[^>]*>|changeme|change-me|replaceme|replace_me|todo|xxx+|\*+|redacted|secret|password)$/i;

/** Polaris' sensitiveContainerEnvVar and sensitiveConfigmapContent flag these names. */
export const POLARIS_NAME =
  /^AWS_SECRET_ACCESS_KEY$|^GOOGLE_APPLICATION_CREDENTIALS$|^AZURE_.+KEY$|^OCI_CLI_KEY_CONTENT$|password|token|bearer|secret/i;

export function looksSecret(name: string, value: string): 'name' | 'url' | 'value' | null {
  if (URL_CREDENTIALS.test(value)) return 'url';
  if (SECRET_VALUE.test(value)) return 'value';
  if (PLACEHOLDER.test(value.trim())) return null;
  if (!SECRET_WORD.test(name) || NOT_A_SECRET.test(name)) return null;
  // Flags, small numbers and references to other variables are not credentials.
  if (/^(true|false|yes|no|on|off|\d{1,6})$/i.test(value) || /^\$\([A-Za-z_][A-Za-z0-9_]*\)$/.test(value))
    return null;
  return 'name';
}

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
