import { defineRule } from '../../core/rule';
import { isMap, isScalar, isSeq, nodeRange, type Node } from '../../languages/yaml/model';
import type { KubernetesModel } from '../../languages/kubernetes';

/** A key as kube-linter compares it: scalars by their text, `<<` for a merge key, others not at all. */
function keyText(key: unknown): string | undefined {
  if (typeof key === 'symbol') return '<<';
  if (!isScalar(key as Node)) return undefined;
  const v = (key as { value: unknown }).value;
  if (typeof v === 'symbol') return '<<';
  return v === null || v === undefined ? 'null' : String(v);
}

export default defineRule<KubernetesModel>({
  id: 'kubernetes/sorted-keys',
  language: 'kubernetes',
  severity: 'hint',
  recommended: false,
  defaultOff: true,
  aliases: ['kube-linter:sorted-keys'],
  fix: null,
  messages: {
    unsorted: 'Key "{key}" comes after "{previous}": the keys of this mapping are not in alphabetical order.',
  },
  docs: {
    summary: 'Keys should be in alphabetical order at every level (opt-in).',
    rationale:
      'Some teams keep every mapping sorted so that diffs and reviews line up and a duplicated setting is easy ' +
      'to spot. Most manifests follow the order of the documentation instead (`name` before `image`), so the ' +
      'rule is off by default. Each mapping is reported once, on its first key that sorts before the key above ' +
      'it (byte order, as kube-linter compares); sequences are walked into, aliases are not (their anchor is ' +
      'checked where it is written). No fix: moving entries with their comments is best done by a formatter.',
    bad: 'apiVersion: v1\ndata:\n  LOG_LEVEL: info\n  API_URL: https://api.example.com\nkind: ConfigMap\nmetadata:\n  name: api\n',
    good: 'apiVersion: v1\ndata:\n  API_URL: https://api.example.com\n  LOG_LEVEL: info\nkind: ConfigMap\nmetadata:\n  name: api\n',
  },
  check(ctx) {
    for (const m of ctx.model.manifests) {
      // A stack, not recursion: a deeply nested document must not overflow the call stack.
      const stack: Node[] = [m.root];
      const seen = new Set<Node>();
      while (stack.length > 0) {
        const node = stack.pop() as Node;
        if (seen.has(node)) continue;
        seen.add(node);
        if (isMap(node)) {
          let previous: string | undefined;
          let reported = false;
          for (const pair of node.items) {
            const key = keyText(pair.key);
            if (
              key !== undefined &&
              previous !== undefined &&
              key < previous &&
              !reported &&
              isScalar(pair.key as Node)
            ) {
              reported = true;
              ctx.report({
                at: nodeRange(ctx.doc, pair.key as Node),
                messageId: 'unsorted',
                data: { key, previous },
              });
            }
            if (key !== undefined) previous = key;
            const value = pair.value as Node | null;
            if (isMap(value) || isSeq(value)) stack.push(value);
          }
        } else if (isSeq(node))
          for (const item of node.items as Node[]) if (isMap(item) || isSeq(item)) stack.push(item);
      }
    }
  },
});
