import type { Range, TextDoc } from '../core/text';
import { entries, get, isMap, isScalar, isSeq, str, type Node } from '../languages/yaml/model';

/**
 * The objects a Kubernetes file declares (`Kind/name` per document) and the fields that name other
 * objects (ConfigMap and Secret references, `serviceName`, HPA and PDB targets, claims), with their
 * ranges: the outline, completion of those names, go to definition and references within the file.
 */
export interface KObject {
  kind: string;
  name: string;
  /** The `metadata.name` value, or the document's first line when it has none. */
  nameRange: Range;
  range: Range;
  /** Pod template labels (workloads) or the object's own labels (Pods). */
  podLabels: Map<string, string>;
}

export interface KUse {
  kinds: readonly string[];
  name: string;
  range: Range;
}

const WORKLOADS = ['Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet', 'ReplicationController'];

/**
 * Which kinds a field names, by the last keys of its path (`-` for a sequence item). Checked from the
 * longest suffix; the first that matches wins.
 */
const REFERENCES: { path: readonly string[]; kinds: readonly string[] }[] = [
  { path: ['configMapKeyRef', 'name'], kinds: ['ConfigMap'] },
  { path: ['configMapRef', 'name'], kinds: ['ConfigMap'] },
  { path: ['configMap', 'name'], kinds: ['ConfigMap'] },
  { path: ['secretKeyRef', 'name'], kinds: ['Secret'] },
  { path: ['secretRef', 'name'], kinds: ['Secret'] },
  { path: ['secret', 'secretName'], kinds: ['Secret'] },
  { path: ['imagePullSecrets', '-', 'name'], kinds: ['Secret'] },
  { path: ['tls', '-', 'secretName'], kinds: ['Secret'] },
  { path: ['spec', 'serviceName'], kinds: ['Service'] },
  { path: ['backend', 'service', 'name'], kinds: ['Service'] },
  { path: ['scaleTargetRef', 'name'], kinds: WORKLOADS },
  { path: ['persistentVolumeClaim', 'claimName'], kinds: ['PersistentVolumeClaim'] },
  { path: ['serviceAccountName'], kinds: ['ServiceAccount'] },
];

/** The kinds the field at `path` names, or undefined when it names none. */
export function referencedKinds(path: readonly string[]): readonly string[] | undefined {
  return REFERENCES.find((r) => r.path.every((seg, i) => path[path.length - r.path.length + i] === seg))
    ?.kinds;
}

/** Whether `path` is a label selector (keys are label keys, values label values). */
export function selectorAt(path: readonly string[]): boolean {
  const n = path.length;
  return (
    (n >= 2 && path[n - 1] === 'matchLabels' && path[n - 2] === 'selector') ||
    (n === 2 && path[0] === 'spec' && path[1] === 'selector')
  );
}

/** Read from the Kubernetes parser's documents (offsets in the file), as the rules read them. */
export function kubernetesNames(
  doc: TextDoc,
  documents: readonly { contents: Node | null; start: number; end: number }[],
): { objects: KObject[]; uses: KUse[] } {
  const objects: KObject[] = [];
  const uses: KUse[] = [];
  const file = { doc };
  for (const d of documents) {
    const top = d.contents;
    const docRange = doc.rangeOf(d.start, d.end);
    if (!isMap(top)) continue;
    const kind = str(get(top, 'kind')?.value);
    if (!kind) continue;
    const nameNode = get(get(top, 'metadata')?.value, 'name')?.value;
    const name = str(nameNode) ?? '';
    const nr = nameNode?.range;
    const podLabels = new Map<string, string>();
    const labelsNode =
      kind === 'Pod'
        ? get(get(top, 'metadata')?.value, 'labels')?.value
        : get(get(get(get(top, 'spec')?.value, 'template')?.value, 'metadata')?.value, 'labels')?.value;
    for (const e of entries(labelsNode)) {
      const v = str(e.value);
      if (v !== undefined) podLabels.set(e.key, v);
    }
    objects.push({
      kind,
      name,
      nameRange: nr ? file.doc.rangeOf(nr[0], nr[1]) : { start: docRange.start, end: docRange.start },
      range: docRange,
      podLabels,
    });
    walk(top, [], (path, node) => {
      const kinds = referencedKinds(path);
      const value = str(node);
      if (kinds && value && isScalar(node) && node.range)
        uses.push({ kinds, name: value, range: file.doc.rangeOf(node.range[0], node.range[1]) });
    });
  }
  return { objects, uses };
}

function walk(
  node: Node | null,
  path: string[],
  visit: (path: string[], node: Node | null) => void,
  depth = 0,
): void {
  if (depth > 40) return;
  if (isMap(node))
    for (const e of entries(node)) {
      if (e.merged) continue;
      const p = [...path, e.key];
      visit(p, e.value);
      walk(e.value, p, visit, depth + 1);
    }
  else if (isSeq(node)) for (const i of node.items) walk(i as Node, [...path, '-'], visit, depth + 1);
}
