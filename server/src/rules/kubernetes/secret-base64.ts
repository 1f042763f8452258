import { Buffer } from 'node:buffer';
import { defineRule } from '../../core/rule';
import { replaceNode } from '../../fixes/yaml';
import { entries, get, isScalar, rangeOf, stable, type KubernetesModel } from '../../languages/kubernetes';
import { deref } from '../../languages/yaml/model';

/** Base64 as the API server decodes it (Go's standard encoding: padding required, line breaks ignored). */
export function isBase64(value: string): boolean {
  const s = value.replace(/[\r\n]/g, '');
  return s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s);
}

export default defineRule<KubernetesModel>({
  id: 'kubernetes/secret-base64',
  language: 'kubernetes',
  severity: 'error',
  recommended: true,
  aliases: [],
  fix: 'unsafe',
  messages: {
    notBase64:
      '{kind} {name}: the value of {key} in {field} is not base64, so the API server rejects the object. Values in {field} are base64-encoded; plain text goes in {plain}.',
  },
  docs: {
    summary: 'Secret `data` (and ConfigMap `binaryData`) values must be base64.',
    rationale:
      "The API server decodes every value of a Secret's `data` and a ConfigMap's `binaryData` as base64 and rejects " +
      'the object when one does not decode ("illegal base64 data"); a value pasted in clear text, or a ' +
      'placeholder like `<base64-encoded-key>`, stops the whole apply. Line breaks inside a value are allowed, ' +
      'spaces are not. The fix encodes the text as it is written, which is what `stringData` would store.',
    bad: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: api-secrets\ntype: Opaque\ndata:\n  API_KEY: not base64!\n',
    good: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: api-secrets\ntype: Opaque\ndata:\n  API_KEY: bm90IGJhc2U2NCE=\n',
  },
  check(ctx) {
    const targets = [
      ...ctx.model.secrets.map((m) => ({ m, field: 'data', plain: 'stringData' })),
      ...ctx.model.configMaps.map((m) => ({ m, field: 'binaryData', plain: 'data' })),
    ];
    for (const { m, field, plain } of targets)
      for (const e of entries(get(m.root, field)?.value)) {
        const v = deref(e.value);
        if (!isScalar(v) || typeof v.value !== 'string' || isBase64(v.value)) continue;
        const text = v.value;
        ctx.report({
          at: rangeOf(ctx.doc, e),
          messageId: 'notBase64',
          data: { kind: m.kind, name: m.name ?? '', key: e.key, field, plain },
          fix: stable(m.document, () => {
            const edit = replaceNode(ctx.doc, v, Buffer.from(text, 'utf8').toString('base64'));
            return edit
              ? {
                  title: 'Encode the text as base64 (changes behaviour: stores it as written)',
                  edits: [edit],
                }
              : undefined;
          }),
        });
      }
  },
});
