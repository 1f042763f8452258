import { withoutStackTraces } from '../../core/errors';
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  visit,
  type Alias,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { TextDoc, type Range } from '../../core/text';

/**
 * The YAML layer shared by Compose and Kubernetes: documents parsed by the `yaml` library with their
 * source ranges, plus helpers that read mappings the way rules need them (merge keys and aliases
 * followed, with a bound so that alias bombs cost nothing).
 */

export interface YamlProblem {
  message: string;
  range: Range;
  severity: 'error' | 'warning';
}

export interface YamlDocument {
  index: number;
  ast: Document.Parsed;
  /** The top node, or null for an empty document. */
  contents: Node | null;
  range: Range;
  problems: YamlProblem[];
}

export interface YamlFile {
  doc: TextDoc;
  documents: YamlDocument[];
}

const aliasTargets = new WeakMap<Alias, Node>();

/** Tags that Compose defines on top of YAML; they are valid and must not be reported. */
const COMPOSE_TAGS = new Set(['!reset', '!override']);

export function parseYamlFile(text: string): YamlFile {
  const doc = new TextDoc(text);
  const parsed = withoutStackTraces(() =>
    parseAllDocuments(text, { uniqueKeys: true, merge: true, prettyErrors: false, strict: false }),
  );
  const list = Array.isArray(parsed) ? parsed : [];
  const documents = list.map((ast, index) => {
    const problems: YamlProblem[] = [];
    for (const e of ast.errors)
      problems.push({
        message: firstLine(e.message),
        range: doc.rangeOf(e.pos[0], Math.max(e.pos[1], e.pos[0] + 1)),
        severity: 'error',
      });
    for (const w of ast.warnings) {
      if (w.code === 'TAG_RESOLVE_FAILED' && [...COMPOSE_TAGS].some((t) => w.message.includes(t))) continue;
      problems.push({
        message: firstLine(w.message),
        range: doc.rangeOf(w.pos[0], Math.max(w.pos[1], w.pos[0] + 1)),
        severity: 'warning',
      });
    }
    // Aliases are linked to their anchors once, so that rules can follow them without the document; but
    // not in a document whose aliases expand too far (an alias bomb), where following them would never end.
    const aliases: Alias[] = [];
    let written = 0;
    const targets = new Map<Alias, Node>();
    visit(ast, {
      Node(_, node) {
        written++;
        if (!isAlias(node)) return;
        aliases.push(node);
        const target = node.resolve(ast);
        if (target) targets.set(node, target as Node);
      },
      Pair() {
        written++;
      },
    });
    const excess = excessiveAliasing(aliases, written, (a) => targets.get(a) ?? null);
    if (excess) problems.push(aliasProblem(doc, excess));
    else for (const [alias, target] of targets) aliasTargets.set(alias, target);
    const r = ast.range;
    return {
      index,
      ast,
      contents: (ast.contents as Node | null) ?? null,
      range: doc.rangeOf(r[0], r[1]),
      problems,
    };
  });
  return { doc, documents };
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

/**
 * Both Compose and kubectl read YAML with go-yaml, which refuses a document whose aliases expand into
 * too much ("document contains excessive aliasing"): past 100 nodes decoded through aliases and 1,000 in
 * all, when the share decoded through aliases is above 99% (up to 400,000 nodes), falling to 10% at 4
 * million. The same rule, applied to the totals, finds alias bombs (nine aliases of nine aliases…) before
 * anything expands them, and never flags a document go-yaml reads, since go-yaml checks at every node
 * and so also at the last.
 */
export interface Aliasing {
  /** The alias with the largest expansion, where the problem is reported. */
  alias: Alias;
  /** Nodes the document decodes into, counting every alias expansion. */
  expanded: number;
}

export function excessiveAliasing(
  aliases: readonly Alias[],
  written: number,
  targetOf: (alias: Alias) => Node | null,
): Aliasing | null {
  if (aliases.length === 0) return null;
  const sizes = new Map<object, number>();
  const size = (n: unknown): number => {
    if (!n || typeof n !== 'object') return 0;
    if (isPair(n)) return 1 + size(n.key) + size(n.value);
    const known = sizes.get(n);
    if (known !== undefined) return known;
    // A node that reaches itself through an alias counts once; YAML does not allow it anyway.
    sizes.set(n, 1);
    let total = 1;
    if (isAlias(n)) total += size(targetOf(n));
    else if (isMap(n) || isSeq(n)) for (const i of n.items) total += size(i);
    total = Math.min(total, Number.MAX_SAFE_INTEGER / 2);
    sizes.set(n, total);
    return total;
  };
  let viaAliases = 0;
  let largest: Alias = aliases[0] as Alias;
  let largestSize = -1;
  for (const a of aliases) {
    const t = size(targetOf(a));
    viaAliases = Math.min(viaAliases + t, Number.MAX_SAFE_INTEGER / 2);
    if (t > largestSize) {
      largestSize = t;
      largest = a;
    }
  }
  const expanded = written + viaAliases;
  if (viaAliases <= 100 || expanded <= 1000 || viaAliases / expanded <= allowedAliasRatio(expanded))
    return null;
  return { alias: largest, expanded };
}

function allowedAliasRatio(decoded: number): number {
  if (decoded <= 400_000) return 0.99;
  if (decoded >= 4_000_000) return 0.1;
  return 0.99 - (0.89 * (decoded - 400_000)) / 3_600_000;
}

export function aliasProblem(doc: TextDoc, a: Aliasing): YamlProblem {
  const r = a.alias.range ?? [0, 0, 0];
  const count =
    a.expanded >= 1e9 ? 'more than a billion' : `${Math.round(a.expanded).toLocaleString('en-US')}`;
  return {
    message:
      `The aliases in this document expand to ${count} values; YAML readers such as Compose's and kubectl's ` +
      'refuse it ("document contains excessive aliasing"), and it is not checked further',
    range: doc.rangeOf(r[0], r[1]),
    severity: 'error',
  };
}

/** Forgets an alias's anchor: `deref` then reads it as empty. */
export function unlinkAlias(alias: Alias): void {
  aliasTargets.delete(alias);
}

/** The range of a node's value, without trailing comments or line breaks. */
export function nodeRange(doc: TextDoc, node: Node | Pair): Range {
  if (isPair(node)) {
    const k = node.key as Node | null;
    const v = node.value as Node | null;
    const start = k?.range?.[0] ?? v?.range?.[0] ?? 0;
    const end = v ? contentEnd(v) : (k?.range?.[1] ?? start);
    return doc.rangeOf(start, end);
  }
  const r = node.range ?? [0, 0, 0];
  return doc.rangeOf(r[0], contentEnd(node));
}

/** The offset where a node's own content ends (for collections, the end of their last item). */
export function contentEnd(node: Node): number {
  if (isMap(node) || isSeq(node)) {
    if (node.flow) return node.range?.[1] ?? 0;
    const last = node.items[node.items.length - 1] as Node | Pair | undefined;
    if (!last) return node.range?.[1] ?? 0;
    if (isPair(last)) {
      const v = last.value as Node | null;
      return v ? contentEnd(v) : ((last.key as Node | null)?.range?.[1] ?? 0);
    }
    return contentEnd(last);
  }
  return node.range?.[1] ?? 0;
}

export interface Entry {
  key: string;
  keyNode: Scalar;
  value: Node | null;
  pair: Pair;
  /** True when the entry comes from a merge key (`<<: *base`) rather than being written here. */
  merged: boolean;
}

const MAX_MERGE_DEPTH = 10;

/**
 * The entries of a mapping, as Compose and Kubernetes see them: keys written here, then keys brought in
 * by merge keys that are not overridden. Aliases are followed for values too.
 */
export function entries(node: Node | null | undefined, depth = 0): Entry[] {
  const map = deref(node);
  if (!isMap(map)) return [];
  const own: Entry[] = [];
  const merged: Entry[] = [];
  for (const pair of map.items) {
    const keyNode = pair.key as Node | null;
    if ((isScalar(keyNode) && keyNode.value === '<<') || isMergeKey(pair)) {
      if (depth >= MAX_MERGE_DEPTH) continue;
      const v = deref(pair.value as Node | null);
      const sources = isSeq(v) ? v.items.map((i) => deref(i as Node)) : [v];
      for (const s of sources) for (const e of entries(s, depth + 1)) merged.push({ ...e, merged: true });
      continue;
    }
    if (!isScalar(keyNode)) continue;
    own.push({
      key: String(keyNode.value),
      keyNode,
      value: deref(pair.value as Node | null),
      pair,
      merged: false,
    });
  }
  const seen = new Set(own.map((e) => e.key));
  for (const e of merged)
    if (!seen.has(e.key)) {
      seen.add(e.key);
      own.push(e);
    }
  return own;
}

function isMergeKey(pair: Pair): boolean {
  const k = pair.key as unknown;
  // With `merge: true`, the yaml library composes `<<` as a Scalar holding the symbol `Symbol(<<)`.
  return (
    typeof k === 'symbol' ||
    (isScalar(k) && ((k as Scalar).value === '<<' || typeof (k as Scalar).value === 'symbol'))
  );
}

export function get(node: Node | null | undefined, key: string): Entry | undefined {
  return entries(node).find((e) => e.key === key);
}

/**
 * Links an alias to its anchor for `deref`, `entries` and `items`. For parsers that compose one file from
 * separately parsed pieces (Compose's per-service cache), where an alias and its anchor sit in different
 * pieces and `parseYamlFile` never saw them together.
 */
export function linkAlias(alias: Alias, target: Node): void {
  aliasTargets.set(alias, target);
}

/** Follows an alias to its anchor (once: anchors cannot point at aliases). */
export function deref(node: Node | null | undefined): Node | null {
  if (!node) return null;
  if (isAlias(node)) return aliasTargets.get(node) ?? null;
  return node;
}

export function items(node: Node | null | undefined): Node[] {
  const seq = deref(node);
  return isSeq(seq) ? (seq.items as Node[]).map((i) => deref(i)).filter((i): i is Node => i !== null) : [];
}

/** A scalar's value as a string (numbers and booleans too), or undefined for collections and null. */
export function str(node: Node | null | undefined): string | undefined {
  const n = deref(node);
  if (!isScalar(n) || n.value === null || n.value === undefined) return undefined;
  return String(n.value);
}

export { isAlias, isMap, isPair, isScalar, isSeq };
export type { Node, Pair, Scalar, YAMLMap, YAMLSeq };

export interface PathHit {
  /** The node at the path, or null when the path ends at a missing or null value. */
  node: Node | null;
  /** The key whose value is `node`, when the last segment is a mapping key. */
  keyNode: Scalar | null;
  /** The deepest node the path reached (the node itself when the whole path exists). */
  deepest: Node | null;
}

/**
 * Walks a path of keys and indexes (as in a JSON pointer from a schema error) through a document,
 * following aliases and merge keys, and returns where it ends so errors can be placed on the key or value
 * at fault.
 */
export function nodeAtPath(root: Node | null, path: readonly (string | number)[]): PathHit {
  let node = deref(root);
  let keyNode: Scalar | null = null;
  let deepest = node;
  for (const seg of path) {
    if (node && isSeq(node) && typeof seg === 'number') {
      node = deref(node.items[seg] as Node | undefined);
      keyNode = null;
    } else if (node && isMap(node)) {
      const e = get(node, String(seg));
      if (!e) return { node: null, keyNode: null, deepest };
      node = e.value;
      keyNode = e.keyNode;
    } else return { node: null, keyNode: null, deepest };
    if (node) deepest = node;
    else if (keyNode) deepest = keyNode;
  }
  return { node, keyNode, deepest };
}

/** Splits a JSON pointer (`/services/web/ports/0`) into segments, numbers for array indexes. */
export function pointerSegments(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
