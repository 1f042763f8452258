import type { FixSpec } from '../../core/rule';
import type { Range, TextEdit } from '../../core/text';
import { styleOf, yamlLines, type YValue } from '../../fixes/kubernetes';
import { appendDocument } from '../../fixes/yaml';
import {
  get,
  isFlowDocument,
  isScalar,
  items,
  str,
  type Container,
  type Entry,
  type KubernetesModel,
  type Manifest,
  looksSecret,
} from '../../languages/kubernetes';
import { contentEnd } from '../../languages/yaml/model';

/** What a ConfigMap or Secret key may be. */
const KEY = /^[-._a-zA-Z0-9]+$/;

interface Literal {
  name: string;
  value: string;
  entry: Entry;
}

/**
 * The literal `value`s of a container's env that can move as they are: string scalars written in one line
 * (no block scalar), without `$(VAR)` references (the kubelet expands those in `value` only), under a name
 * that is a valid key, in block style.
 */
function literals(c: Container): Literal[] | undefined {
  const out: Literal[] = [];
  const names = new Set<string>();
  for (const e of items(get(c.node, 'env')?.value)) {
    const name = str(get(e, 'name')?.value);
    if (name === undefined) continue;
    // Two entries of one name cannot become two keys of one ConfigMap.
    if (names.has(name)) return undefined;
    names.add(name);
    const entry = get(e, 'value');
    const node = entry?.value;
    if (!entry || !isScalar(node) || typeof node.value !== 'string') continue;
    if (node.type !== 'PLAIN' && node.type !== 'QUOTE_DOUBLE' && node.type !== 'QUOTE_SINGLE') continue;
    if ((e as { flow?: boolean }).flow || node.value.includes('$(') || !KEY.test(name)) continue;
    out.push({ name, value: node.value, entry });
  }
  return out;
}

function containerAt(model: KubernetesModel, m: Manifest, range: Range): Container | undefined {
  const at = model.doc.offsetAt(range.start);
  return m.workload?.containers.find((c) => c.node.range && c.node.range[0] <= at && at <= c.node.range[1]);
}

/**
 * "Move literal env values into a ConfigMap" and "… into a Secret", on a container with literal env
 * values: a ConfigMap (or a Secret, for the values that look like credentials) named after the workload
 * and container is appended, and each `value:` becomes a `valueFrom` reference to its key. The variables
 * keep their order and precedence, so the container sees the same environment.
 */
export function envConfigAssists(model: KubernetesModel, m: Manifest, range: Range): FixSpec[] {
  if (
    !m.name ||
    model.documents.some(isFlowDocument) ||
    m.document.problems.some((p) => p.severity === 'error')
  )
    return [];
  const c = containerAt(model, m, range);
  const all = c ? literals(c) : undefined;
  if (!c?.name || !all) return [];
  const secret = all.filter((l) => looksSecret(l.name, l.value) !== null);
  const plain = all.filter((l) => looksSecret(l.name, l.value) === null);
  const name = `${m.name}-${c.name}-env`;
  const taken = (kind: string) => model.manifests.some((x) => x.kind === kind && x.name === name);
  return [
    ...(plain.length > 0 && !taken('ConfigMap') ? [move(model, m, plain, 'ConfigMap', name)] : []),
    ...(secret.length > 0 && !taken('Secret') ? [move(model, m, secret, 'Secret', name)] : []),
  ].filter((f): f is FixSpec => f !== undefined);
}

function move(
  model: KubernetesModel,
  m: Manifest,
  list: Literal[],
  kind: 'ConfigMap' | 'Secret',
  name: string,
): FixSpec | undefined {
  const doc = model.doc;
  const style = styleOf(doc);
  const ref = kind === 'ConfigMap' ? 'configMapKeyRef' : 'secretKeyRef';
  const edits: TextEdit[] = [];
  for (const l of list) {
    const start = l.entry.keyNode.range?.[0];
    const value = l.entry.value;
    if (start === undefined || !value) return undefined;
    const column = doc.positionAt(start).character;
    const lines = yamlLines({ valueFrom: { [ref]: { name, key: l.name } } }, style);
    edits.push({
      range: doc.rangeOf(start, contentEnd(value)),
      newText: lines.join(doc.eol + ' '.repeat(column)),
    });
  }
  const metadata: { [k: string]: YValue } = { name };
  if (m.namespace) metadata.namespace = m.namespace;
  const data = Object.fromEntries(list.map((l) => [l.name, l.value]));
  const object: { [k: string]: YValue } =
    kind === 'ConfigMap'
      ? { apiVersion: 'v1', kind, metadata, data }
      : { apiVersion: 'v1', kind, metadata, type: 'Opaque', stringData: data };
  edits.push(appendDocument(doc, yamlLines(object, style)));
  const what =
    list.length === 1 ? `the value of ${list[0]?.name ?? ''}` : `${list.length} literal env values`;
  return { title: `Move ${what} into ${kind} ${name}`, edits };
}
