import { withoutStackTraces } from '../../core/errors';
import {
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  Pair as YamlPair,
  parseAllDocuments,
  parseDocument,
  YAMLMap,
  type Alias,
} from 'yaml';
import { TextDoc } from '../../core/text';
import {
  aliasProblem,
  deref,
  entries,
  excessiveAliasing,
  linkAlias,
  unlinkAlias,
  type Entry,
  type Node,
  type Pair,
  type Scalar,
  type YamlProblem,
} from '../yaml/model';
import { parseDotEnv } from './interpolation';
import {
  buildService,
  nextGeneration,
  RESOURCE_KINDS,
  type ComposeModel,
  type ComposeService,
  type ResourceKind,
} from './model';

/**
 * The Compose parser. YAML parsing is the expensive part of an edit (a 6,000-line file costs ~75 ms in
 * the `yaml` library, mostly in its lexer), so the file is cut into pieces that YAML parses the same way
 * alone as in the whole file: each top-level section, and under `services:` each service. Pieces are
 * cached by their text; an edit parses only the piece it touches. Anchors and aliases that cross pieces
 * are linked afterwards. Whenever a piece has a syntax error other than a duplicate key (which may come
 * from cutting through a construct that spans pieces), or the file has a shape the cutting does not
 * understand (several documents, flow style at the top, tabs), the whole file is parsed at once instead,
 * so cutting never changes what the rules see.
 */

const OPTIONS = { uniqueKeys: true, merge: true, prettyErrors: false, strict: false } as const;

/** Tags Compose defines on top of YAML; the `yaml` library warns about them, Compose accepts them. */
const COMPOSE_TAGS = ['!reset', '!override'];

interface RelProblem {
  code: string;
  message: string;
  start: number;
  end: number;
  severity: 'error' | 'warning';
}

interface Chunk {
  text: string;
  /** The document offset the chunk's nodes currently carry. */
  base: number;
  root: Node | null;
  problems: RelProblem[];
  anchors: { name: string; node: Node }[];
  aliases: Alias[];
  /** Nodes and pairs written in the piece, for the alias expansion check. */
  count: number;
}

export interface ComposeParseCache {
  chunks: Map<string, Chunk>;
  memo: Map<string, unknown>;
  env: { text: string; values: Map<string, string> } | null;
}

export function createComposeCache(): ComposeParseCache {
  return { chunks: new Map(), memo: new Map(), env: null };
}

export interface ComposeParseOptions {
  /** The document's name or path; its base name decides whether it is an override file. */
  name?: string;
  /** The text of the `.env` file beside the document, when there is one. */
  dotEnv?: string;
  /** Read only as part of other files (one they `extends` from): its services need not be complete. */
  partial?: boolean;
}

const MAIN_NAME = /^(docker-)?compose\.ya?ml$/i;
const VARIANT_NAME = /^(docker-)?compose[.\-_].+\.ya?ml$/i;

/** `compose.override.yaml`, `compose.prod.yml`, `docker-compose.dev.yml`: merged over a main file. */
export function isPartialName(fileName: string): boolean {
  return !MAIN_NAME.test(fileName) && (VARIANT_NAME.test(fileName) || /override/i.test(fileName));
}

export function parseCompose(
  text: string,
  cache: ComposeParseCache = createComposeCache(),
  opts: ComposeParseOptions = {},
): ComposeModel {
  nextGeneration();
  const doc = new TextDoc(text);
  const assembled = parseInChunks(doc, cache) ?? parseWhole(doc);
  const fileName = (opts.name ?? 'compose.yaml').replace(/\\/g, '/').split('/').pop() ?? 'compose.yaml';
  let env = cache.env;
  if (opts.dotEnv === undefined) env = null;
  else if (!env || env.text !== opts.dotEnv) env = { text: opts.dotEnv, values: parseDotEnv(opts.dotEnv) };
  cache.env = env;
  return buildModel(doc, assembled, {
    fileName,
    env: env?.values ?? new Map(),
    memo: cache.memo,
    partial: opts.partial === true,
  });
}

interface Assembled {
  root: Node | null;
  problems: YamlProblem[];
  anchors: { name: string; node: Node }[];
  /** The aliases inside each service, known when the service was parsed as a piece of its own. */
  aliasesByPair?: Map<Pair, Alias[]>;
  /** The file holds further YAML documents after the first (Compose merges them; the model does not). */
  moreDocuments?: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// Cutting the file into pieces
// ---------------------------------------------------------------------------------------------------------

interface Piece {
  start: number;
  end: number;
  /** `top`: a whole top-level section; `header`: the `services:` line; `service`: one service. */
  kind: 'top' | 'header' | 'service';
}

/** Top-level lines a block mapping key cannot start with: the cutting leaves such files whole. */
const NOT_A_TOP_KEY = /^(---|\.\.\.|%|-|\[|\{|\?|!|&|\*|\||>|\t)/;
const SERVICES_HEADER = /^services[ \t]*:[ \t]*(#.*)?$/;

function cut(doc: TextDoc): Piece[] | null {
  const n = doc.lineCount;
  const tops: number[] = [];
  for (let line = 0; line < n; line++) {
    const t = doc.lineText(line);
    if (t.length === 0) continue;
    const c = t.charCodeAt(0);
    if (c === 32 || c === 35) continue;
    if (NOT_A_TOP_KEY.test(t)) return null;
    tops.push(line);
  }
  const pieces: Piece[] = [];
  for (let k = 0; k < tops.length; k++) {
    const line = tops[k] as number;
    const nextLine = tops[k + 1];
    const start = doc.lineStart(line);
    const end = nextLine === undefined ? doc.text.length : doc.lineStart(nextLine);
    if (!SERVICES_HEADER.test(doc.lineText(line))) {
      pieces.push({ start, end, kind: 'top' });
      continue;
    }
    pieces.push({ start, end: doc.lineEnd(line), kind: 'header' });
    const last = nextLine === undefined ? n : nextLine;
    let indent = -1;
    let pieceStart = -1;
    for (let l = line + 1; l < last; l++) {
      const t = doc.lineText(l);
      const m = /^( *)(.?)/.exec(t) as RegExpExecArray;
      const width = (m[1] as string).length;
      const first = m[2] as string;
      if (first === '' || first === '#') continue;
      if (first === '\t') return null;
      if (indent < 0) indent = width;
      if (width < indent) return null;
      if (width > indent) continue;
      if (first === '-') return null;
      if (pieceStart >= 0) pieces.push({ start: pieceStart, end: doc.lineStart(l), kind: 'service' });
      pieceStart = doc.lineStart(l);
    }
    if (pieceStart >= 0) pieces.push({ start: pieceStart, end, kind: 'service' });
  }
  return pieces;
}

// ---------------------------------------------------------------------------------------------------------
// Pieces: parsed once, moved (as copies) when text above them changes length
// ---------------------------------------------------------------------------------------------------------

function parseChunk(text: string, base: number): Chunk {
  const d = withoutStackTraces(() => parseDocument(text, OPTIONS));
  const problems: RelProblem[] = [];
  for (const e of d.errors)
    problems.push({
      code: e.code,
      message: firstLine(e.message),
      start: e.pos[0],
      end: e.pos[1],
      severity: 'error',
    });
  for (const w of d.warnings) {
    if (w.code === 'TAG_RESOLVE_FAILED' && COMPOSE_TAGS.some((t) => w.message.includes(t))) continue;
    problems.push({
      code: w.code,
      message: firstLine(w.message),
      start: w.pos[0],
      end: w.pos[1],
      severity: 'warning',
    });
  }
  const root = (d.contents as Node | null) ?? null;
  const chunk: Chunk = { text, base, root, problems, anchors: [], aliases: [], count: 0 };
  walk(root, base, chunk);
  return chunk;
}

/**
 * The same piece at another offset. The nodes are copied rather than moved: models built from the old
 * positions may still be asked for fixes (a code action on the version the editor shows).
 */
function moveChunk(c: Chunk, base: number): Chunk {
  const moved: Chunk = {
    text: c.text,
    base,
    root: null,
    problems: c.problems,
    anchors: [],
    aliases: [],
    count: c.count,
  };
  moved.root = copy(c.root, base - c.base, moved) as Node | null;
  return moved;
}

/**
 * A deep copy with ranges shifted by `delta`, collecting anchors and aliases as `walk` does. The `yaml`
 * library's own `clone()` copies property descriptors one by one, which costs ten times more; nodes are
 * plain objects whose only hidden property is the node-type symbol, copied here by hand.
 */
function copy(node: unknown, delta: number, into: Chunk): unknown {
  if (!node || typeof node !== 'object') return node;
  if (isPair(node)) return new YamlPair(copy(node.key, delta, into), copy(node.value, delta, into));
  const n = node as Node;
  const c = Object.assign(Object.create(Object.getPrototypeOf(n) as object) as object, n) as Node;
  (c as unknown as Record<symbol, unknown>)[NODE_TYPE] = (n as unknown as Record<symbol, unknown>)[NODE_TYPE];
  const r = n.range;
  if (r) c.range = [r[0] + delta, r[1] + delta, r[2] + delta];
  if (n.anchor) into.anchors.push({ name: n.anchor, node: c });
  if (isAlias(c)) into.aliases.push(c);
  else if (isCollection(c)) (c as { items: unknown[] }).items = c.items.map((i) => copy(i, delta, into));
  return c;
}

/** The `yaml` library marks node kinds with this registered symbol (see its `identity` module). */
const NODE_TYPE = Symbol.for('yaml.node.type');

/** Shifts ranges by `delta` and collects anchors and aliases, in document order. */
function walk(node: unknown, delta: number, into: Chunk): void {
  if (!node || typeof node !== 'object') return;
  into.count++;
  if (isPair(node)) {
    walk(node.key, delta, into);
    walk(node.value, delta, into);
    return;
  }
  const n = node as Node;
  const r = n.range;
  if (delta !== 0 && r) {
    r[0] += delta;
    r[1] += delta;
    r[2] += delta;
  }
  if (n.anchor) into.anchors.push({ name: n.anchor, node: n });
  if (isAlias(n)) {
    into.aliases.push(n);
    return;
  }
  if (isCollection(n)) for (const item of n.items) walk(item, delta, into);
}

function parseInChunks(doc: TextDoc, cache: ComposeParseCache): Assembled | null {
  const pieces = cut(doc);
  if (!pieces) return null;
  const used = new Map<string, Chunk>();
  const chunks: { piece: Piece; chunk: Chunk }[] = [];
  for (const piece of pieces) {
    const text = doc.text.slice(piece.start, piece.end);
    let chunk = used.has(text) ? undefined : cache.chunks.get(text);
    if (!chunk) chunk = parseChunk(text, piece.start);
    else if (chunk.base !== piece.start) chunk = moveChunk(chunk, piece.start);
    // A duplicate key is an error of the piece itself; any other error may come from cutting through
    // something that spans pieces (an unclosed flow list), so the whole file is parsed instead.
    if (chunk.problems.some((p) => p.severity === 'error' && p.code !== 'DUPLICATE_KEY')) return null;
    if (!used.has(text)) used.set(text, chunk);
    chunks.push({ piece, chunk });
  }
  cache.chunks = used;

  const problems: YamlProblem[] = [];
  const top: Pair[] = [];
  const anchors: { name: string; node: Node }[] = [];
  const aliases: Alias[] = [];
  let services: YAMLMap | null = null;
  let headerIndex = -1;
  const aliasesByPair = new Map<Pair, Alias[]>();
  for (const { piece, chunk } of chunks) {
    for (const p of chunk.problems)
      problems.push({
        message: p.message,
        range: doc.rangeOf(chunk.base + p.start, chunk.base + Math.max(p.end, p.start + 1)),
        severity: p.severity,
      });
    anchors.push(...chunk.anchors);
    aliases.push(...chunk.aliases);
    const root = chunk.root;
    if (!isMap(root) || root.items.length !== 1 || !isScalar(root.items[0]?.key)) return null;
    const pair = root.items[0] as Pair;
    if (piece.kind === 'service') {
      if (!services) return null;
      services.items.push(pair);
      aliasesByPair.set(pair, chunk.aliases);
      continue;
    }
    if (piece.kind === 'header') {
      services = new YAMLMap();
      headerIndex = top.length;
    }
    top.push(pair);
  }
  // The services go into a new pair each time: the cached header pair may belong to models built before
  // this edit. A `services:` with nothing under it keeps its parsed (null) value, as YAML reads it.
  if (services && services.items.length > 0 && headerIndex >= 0) {
    setRange(services);
    top[headerIndex] = new YamlPair((top[headerIndex] as Pair).key, services);
  }
  let root: YAMLMap | null = null;
  if (top.length > 0) {
    root = new YAMLMap();
    root.items = top;
    setRange(root);
  }
  // Keys are unique within each piece; across pieces the check is made here, as YAML would.
  if (root) duplicateKeys(doc, root, problems);
  if (services) duplicateKeys(doc, services, problems);
  linkAliases(anchors, aliases);
  boundAliases(
    doc,
    aliases,
    chunks.reduce((n, c) => n + c.chunk.count, 0),
    problems,
  );
  return { root, problems, anchors, aliasesByPair };
}

function setRange(map: YAMLMap): void {
  const first = (map.items[0]?.key as Node | null)?.range;
  const lastPair = map.items[map.items.length - 1];
  const lastValue = lastPair?.value as Node | null | undefined;
  const end = lastValue?.range?.[2] ?? (lastPair?.key as Node | null)?.range?.[2] ?? first?.[1] ?? 0;
  map.range = [first?.[0] ?? 0, end, end];
}

function duplicateKeys(doc: TextDoc, map: YAMLMap, problems: YamlProblem[]): void {
  const seen = new Set<string>();
  for (const pair of map.items) {
    const k = pair.key as Scalar;
    const key = String(k.value);
    if (key === '<<') continue;
    if (seen.has(key) && k.range)
      problems.push({
        message: 'Map keys must be unique',
        range: doc.rangeOf(k.range[0], k.range[1]),
        severity: 'error',
      });
    seen.add(key);
  }
}

/** Each alias refers to the closest anchor of its name before it, as in YAML. */
function linkAliases(anchors: { name: string; node: Node }[], aliases: Alias[]): void {
  if (aliases.length === 0) return;
  const byName = new Map<string, Node[]>();
  for (const a of anchors) {
    const list = byName.get(a.name);
    if (list) list.push(a.node);
    else byName.set(a.name, [a.node]);
  }
  for (const alias of aliases) {
    const list = byName.get(alias.source);
    if (!list) continue;
    const at = alias.range?.[0] ?? 0;
    let target: Node | undefined;
    for (const n of list) if ((n.range?.[0] ?? 0) < at) target = n;
    if (target) linkAlias(alias, target);
  }
}

/**
 * An alias bomb (nine aliases of nine aliases…) is reported once, as Compose's YAML reader refuses it, and
 * its aliases are left unlinked so that nothing downstream (rules, the schema check) expands them.
 */
function boundAliases(doc: TextDoc, aliases: Alias[], written: number, problems: YamlProblem[]): void {
  const excess = excessiveAliasing(aliases, written, (a) => deref(a as unknown as Node));
  if (!excess) return;
  for (const a of aliases) unlinkAlias(a);
  problems.push(aliasProblem(doc, excess));
}

/**
 * The whole file at once, for the shapes the cutting leaves alone. Aliases are linked in one walk: the
 * shared `parseYamlFile` resolves each alias by searching the document, which on a 300-service file with
 * an alias per service costs seconds.
 */
function parseWhole(doc: TextDoc): Assembled {
  const list = withoutStackTraces(() => parseAllDocuments(doc.text, OPTIONS));
  const docs = Array.isArray(list) ? list : [];
  const problems: YamlProblem[] = [];
  const range = (pos: [number, number]) => doc.rangeOf(pos[0], Math.max(pos[1], pos[0] + 1));
  for (const d of docs) {
    for (const e of d.errors)
      problems.push({ message: firstLine(e.message), range: range(e.pos), severity: 'error' });
    for (const w of d.warnings) {
      if (w.code === 'TAG_RESOLVE_FAILED' && COMPOSE_TAGS.some((t) => w.message.includes(t))) continue;
      problems.push({ message: firstLine(w.message), range: range(w.pos), severity: 'warning' });
    }
  }
  const root = ((docs[0]?.contents as Node | null | undefined) ?? null) as Node | null;
  const collector: Chunk = { text: '', base: 0, root, problems: [], anchors: [], aliases: [], count: 0 };
  walk(root, 0, collector);
  linkAliases(collector.anchors, collector.aliases);
  boundAliases(doc, collector.aliases, collector.count, problems);
  return { root, problems, anchors: collector.anchors, moreDocuments: docs.length > 1 };
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

// ---------------------------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------------------------

function buildModel(
  doc: TextDoc,
  a: Assembled,
  o: { fileName: string; env: ReadonlyMap<string, string>; memo: Map<string, unknown>; partial: boolean },
): ComposeModel {
  const root = isMap(a.root) ? a.root : null;
  const top = new Map<string, Entry>();
  for (const e of entries(root)) top.set(e.key, e);
  const services: ComposeService[] = [];
  const serviceByName = new Map<string, ComposeService>();
  for (const e of entries(top.get('services')?.value)) {
    const s = buildService(e.key, e.keyNode, e.pair, entries(e.value));
    const aliases = a.aliasesByPair?.get(e.pair);
    if (aliases) s.aliases = aliases;
    services.push(s);
    if (!serviceByName.has(s.name)) serviceByName.set(s.name, s);
  }
  const declared = {} as Record<ResourceKind, Map<string, Entry>>;
  for (const kind of RESOURCE_KINDS) {
    const m = new Map<string, Entry>();
    for (const e of entries(top.get(kind)?.value)) m.set(e.key, e);
    declared[kind] = m;
  }
  return {
    doc,
    root,
    problems: a.problems,
    fileName: o.fileName,
    partial: o.partial || isPartialName(o.fileName),
    env: o.env,
    top,
    services,
    serviceByName,
    declared,
    definedElsewhere: top.has('include') || a.moreDocuments === true,
    moreDocuments: a.moreDocuments === true,
    anchors: a.anchors,
    memo: o.memo,
  };
}
