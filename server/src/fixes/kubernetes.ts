import type { TextDoc, TextEdit } from '../core/text';
import {
  contentEnd,
  deref,
  isMap,
  isScalar,
  isSeq,
  type Entry,
  type Node,
  type YAMLMap,
} from '../languages/yaml/model';
import { addUnderKey, appendToMap, appendToSeq, columnOf, indentUnit, replaceNode } from './yaml';

/**
 * Edit builders for Kubernetes fixes: small YAML blocks written in the file's own style (indentation
 * width, whether list items are indented under their key, line endings), inserted with the shared YAML
 * builders so comments and the rest of the file stay as they are.
 */

export type YValue = string | number | boolean | YValue[] | { [key: string]: YValue };

export interface YamlStyle {
  unit: string;
  /** `key:\n  - item` (true) or `key:\n- item` (false, the style of the Kubernetes docs). */
  indentSequences: boolean;
}

export function styleOf(doc: TextDoc): YamlStyle {
  return { unit: indentUnit(doc), indentSequences: sequencesIndented(doc) };
}

/** Whether the file indents list items under their key; the first list under a key decides. */
function sequencesIndented(doc: TextDoc): boolean {
  const n = Math.min(doc.lineCount - 1, 2000);
  for (let i = 0; i < n; i++) {
    const m = /^( *)[^\s#-][^#]*:\s*$/.exec(doc.lineText(i));
    if (!m) continue;
    const next = /^( *)- /.exec(doc.lineText(i + 1));
    if (next) return (next[1] ?? '').length > (m[1] ?? '').length;
  }
  return false;
}

const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./-]*$/;
const KEYWORDS = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

/** A scalar as YAML text: plain when that reads back as the same string, double-quoted otherwise. */
export function scalar(v: string | number | boolean): string {
  if (typeof v !== 'string') return String(v);
  return PLAIN.test(v) && !KEYWORDS.test(v) ? v : JSON.stringify(v);
}

/** Lines of a YAML block for a value, relative to column 0 (the caller's key column). */
export function yamlLines(value: { [key: string]: YValue } | YValue[], style: YamlStyle): string[] {
  const out: string[] = [];
  const emit = (v: YValue, indent: string, keyLine: string | null): void => {
    if (Array.isArray(v)) {
      if (keyLine !== null) out.push(keyLine);
      const itemIndent = keyLine !== null && style.indentSequences ? indent + style.unit : indent;
      for (const item of v) {
        if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
          const keys = Object.entries(item);
          keys.forEach(([k, x], i) => {
            const prefix = i === 0 ? itemIndent + '- ' : itemIndent + '  ';
            emitEntry(k, x, prefix, itemIndent + '  ');
          });
        } else out.push(`${itemIndent}- ${scalar(item as string)}`);
      }
      return;
    }
    if (v !== null && typeof v === 'object') {
      if (keyLine !== null) out.push(keyLine);
      const inner = keyLine !== null ? indent + style.unit : indent;
      for (const [k, x] of Object.entries(v)) emitEntry(k, x, inner, inner);
      return;
    }
    out.push(`${keyLine ?? indent}${scalar(v)}`);
  };
  const emitEntry = (k: string, x: YValue, prefix: string, indent: string): void => {
    if (x !== null && typeof x === 'object') emit(x, indent, `${prefix}${scalar(k)}:`);
    else out.push(`${prefix}${scalar(k)}: ${scalar(x)}`);
  };
  emit(value, '', null);
  return out;
}

/**
 * Adds entries under an entry's value, whatever shape it has: appended to a block mapping, written as a
 * nested block under a key with no value, or replacing an empty flow mapping (`{}`).
 */
export function addToEntry(doc: TextDoc, e: Entry, lines: string[]): TextEdit | undefined {
  const v = deref(e.value);
  if (isMap(v) && v.flow && v.items.length === 0 && v.range && e.keyNode.range) {
    const column = columnOf(doc, e.keyNode.range[0]) + indentUnit(doc).length;
    const pad = ' '.repeat(column);
    const start = doc.positionAt(e.keyNode.range[1]);
    return {
      range: { start, end: doc.positionAt(v.range[1]) },
      newText: ':' + lines.map((l) => doc.eol + (l ? pad + l : '')).join(''),
    };
  }
  return addUnderKey(doc, e.keyNode, v, lines);
}

/** Appends entries to a block mapping (see `appendToMap`). */
export function addToMap(doc: TextDoc, map: YAMLMap, lines: string[]): TextEdit | undefined {
  return appendToMap(doc, map, lines);
}

/** Appends one scalar item to a sequence, block or flow. */
export function addToSequence(doc: TextDoc, seq: Node, item: string): TextEdit | undefined {
  const s = deref(seq);
  if (!isSeq(s)) return undefined;
  if (!s.flow) return appendToSeq(doc, s, [`- ${scalar(item)}`]);
  const text = s.items.length === 0 ? `[${scalar(item)}]` : undefined;
  if (text) return replaceNode(doc, s, text);
  const last = s.items[s.items.length - 1] as Node | undefined;
  if (!last?.range) return undefined;
  const at = doc.positionAt(contentEnd(last));
  return { range: { start: at, end: at }, newText: `, ${scalar(item)}` };
}

/** Replaces a scalar value with another. */
export function setScalar(doc: TextDoc, node: Node, value: string | number | boolean): TextEdit | undefined {
  const n = deref(node);
  if (!n || !isScalar(n)) return undefined;
  return replaceNode(doc, n, scalar(value));
}

export { replaceNode };

/** The autoscaling/v2 HPA the fix writes: 3 to 10 replicas, CPU at 70 % and memory at 80 % of requests. */
export const HPA_DEFAULTS = { minReplicas: 3, maxReplicas: 10, cpu: 70, memory: 80 } as const;

/** Lines of an HPA document for a workload, in the file's style (without the `---` separator). */
export function hpaLines(
  target: { apiVersion: string; kind: string; name: string; namespace?: string },
  style: YamlStyle,
): string[] {
  const metadata: { [k: string]: YValue } = { name: `${target.name}-hpa` };
  if (target.namespace) metadata.namespace = target.namespace;
  const metric = (name: string, utilization: number): YValue => ({
    type: 'Resource',
    resource: { name, target: { type: 'Utilization', averageUtilization: utilization } },
  });
  return yamlLines(
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata,
      spec: {
        scaleTargetRef: { apiVersion: target.apiVersion, kind: target.kind, name: target.name },
        minReplicas: HPA_DEFAULTS.minReplicas,
        maxReplicas: HPA_DEFAULTS.maxReplicas,
        metrics: [metric('cpu', HPA_DEFAULTS.cpu), metric('memory', HPA_DEFAULTS.memory)],
      },
    },
    style,
  );
}
