import { pushAll } from '../core/arrays';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import type { Alias } from 'yaml';
import rawSchema from '../../../schemas/compose-go-compose-spec.json';
import { hasVariables } from '../languages/compose/interpolation';
import { isReset, type ComposeModel } from '../languages/compose/model';
import {
  contentEnd,
  deref,
  entries,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node,
} from '../languages/yaml/model';

/**
 * Validation of Compose files against the vendored Compose Specification schema, with ajv. Errors are
 * turned into what a person needs: one message per problem, placed on the key or value at fault, in
 * words ("`condition` must be one of …", "unknown key `enviroment`; did you mean `environment`?").
 *
 * Each service is validated on its own against the schema's service definition, and its result is kept
 * by the service's source text (plus the text of the anchors it uses), so an edit re-validates only the
 * service it touches. The rest of the file is small and validated every time.
 */

export interface SchemaIssue {
  /** Keys and indexes from the top of the file to the offending key or value. */
  path: (string | number)[];
  /** `key`: the problem is the key itself (unknown key); `value`: its value. */
  at: 'key' | 'value';
  message: string;
  /** A valid key close to an unknown one. */
  suggestion?: string;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

interface Validators {
  root: ValidateFunction;
  service: ValidateFunction;
}

let validators: Validators | null = null;

/**
 * The schema Docker Compose itself validates with (compose-go's copy of the Compose Specification, draft
 * 2020-12). Compiling it takes ~0.3 s, so it happens once, on the first Compose file.
 */
function getValidators(): Validators {
  if (validators) return validators;
  const schema = rawSchema as Record<string, unknown>;
  // The vendored schema is known to be valid (the tests compile it), so Ajv need not check it against
  // the 2020-12 meta-schema: that check was half of the compile time.
  const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true, validateSchema: false });
  const root = ajv.compile(schema);
  const service = ajv.getSchema(`${String(schema.$id)}#/$defs/service`);
  if (!service) throw new Error('compose schema has no service definition');
  validators = { root, service };
  return validators;
}

const MEMO_KEY = 'schema:services';

export function validateCompose(model: ComposeModel): SchemaIssue[] {
  const { root, service } = getValidators();
  const issues: SchemaIssue[] = [];
  if (!model.root) return issues;
  const servicesEntry = model.top.get('services');
  const servicesNode = servicesEntry?.value ?? null;

  // The top of the file, with each service stubbed: service names are still checked here.
  const top: { [k: string]: Json } = {};
  for (const e of entries(model.root)) {
    if (isReset(e.value)) continue;
    // Extension fields are free-form, and `version` is obsolete and ignored (its own rule reports it).
    if (e.key.startsWith('x-') || e.key === 'version') setKey(top, e.key, null);
    else if (e.key === 'services' && isMap(servicesNode)) {
      const stub: { [k: string]: Json } = {};
      for (const s of entries(servicesNode)) setKey(stub, s.key, {});
      setKey(top, e.key, stub);
    } else setKey(top, e.key, toJson(e.value, 0));
  }
  root(top);
  pushAll(issues, shape(root.errors ?? [], []));

  // Each service, cached by its text and the text of the anchors it draws on.
  const previous = (model.memo.get(MEMO_KEY) as Map<string, SchemaIssue[]> | undefined) ?? new Map();
  const next = new Map<string, SchemaIssue[]>();
  for (const s of model.services) {
    const value = deref(s.pair.value as Node | null);
    // An empty service (`web:`) is left to Compose's own checks; the schema says nothing useful.
    if (value === null || (isScalar(value) && value.value === null)) continue;
    const key = cacheKey(model, s.keyNode, value, s.aliases);
    let found = next.get(key) ?? previous.get(key);
    if (!found) {
      service(toJson(value, 0));
      // Messages name the service's full path ("in service `web`"); the cache key holds its name.
      found = shape(service.errors ?? [], ['services', s.name]);
    }
    next.set(key, found);
    pushAll(issues, found);
  }
  model.memo.set(MEMO_KEY, next);
  return issues;
}

/**
 * The service's own text, and the text of every anchor it reaches through aliases. The parser usually
 * knows the service's aliases already; otherwise the service is walked to find them.
 */
function cacheKey(
  model: ComposeModel,
  keyNode: Node,
  value: Node,
  known: readonly Alias[] | undefined,
): string {
  const text = model.doc.text;
  const start = keyNode.range?.[0] ?? 0;
  const parts = [text.slice(start, contentEnd(value))];
  const seen = new Set<Node>();
  if (known && known.length === 0) return parts[0] as string;
  if (known) {
    // Anchors may hold aliases themselves; their targets are walked, the service itself is not.
    for (const a of known) visitAlias(a);
    return parts.join('\u0000');
  }
  function visit(n: unknown, depth: number): void {
    if (!n || typeof n !== 'object' || depth > 32) return;
    if (isPair(n)) {
      visit(n.key, depth + 1);
      visit(n.value, depth + 1);
      return;
    }
    if (isAlias(n)) {
      visitAlias(n as Alias, depth);
      return;
    }
    if (isMap(n) || isSeq(n)) for (const i of n.items) visit(i, depth + 1);
  }
  function visitAlias(alias: Alias, depth = 0): void {
    const target = deref(alias as unknown as Node);
    if (!target || seen.has(target)) return;
    seen.add(target);
    parts.push(text.slice(target.range?.[0] ?? 0, contentEnd(target)));
    visit(target, depth + 1);
  }
  visit(value, 0);
  return parts.join('\u0000');
}

/**
 * Sets a key on a plain object. Objects keep their prototype (the validator's deep equality calls
 * `valueOf`), so a YAML key named `__proto__` is defined as an own property instead of assigned.
 */
function setKey(o: { [k: string]: Json }, key: string, value: Json): void {
  if (key === '__proto__')
    Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}

/** A node as the JSON Compose validates: merge keys applied, aliases followed, `!reset` dropped. */
function toJson(node: Node | null | undefined, depth: number): Json {
  const n = deref(node);
  if (!n || depth > 64) return null;
  if (isScalar(n)) {
    const v = n.value;
    if (v === null || v === undefined) return null;
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
    return String(v);
  }
  if (isMap(n)) {
    const o: { [k: string]: Json } = {};
    for (const e of entries(n)) if (!isReset(e.value)) setKey(o, e.key, toJson(e.value, depth + 1));
    return o;
  }
  if (isSeq(n)) return n.items.filter((i) => !isReset(i as Node)).map((i) => toJson(i as Node, depth + 1));
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// From ajv errors to messages
// ---------------------------------------------------------------------------------------------------------

function segments(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(prefix + '/');
}

/**
 * Reduces ajv's errors to the ones a person should see. For `oneOf` (a value that may be a string, a
 * list or a mapping), ajv reports every branch: when one branch matched the value's type and failed
 * deeper, only that branch's errors are kept; when none did, the type errors become one message.
 */
function shape(errors: readonly ErrorObject[], prefix: (string | number)[]): SchemaIssue[] {
  const relevant = errors.filter((e) => !ignorable(e));
  const dropped = new Set<ErrorObject>();
  const merged: SchemaIssue[] = [];
  for (const e of relevant) {
    if (e.keyword !== 'oneOf' && e.keyword !== 'anyOf') continue;
    dropped.add(e);
    // Every error of the branches counts to tell which branch matched the value's type, including the
    // ones not shown (an interpolated `condition` still shows that the mapping branch was meant).
    const here = errors.filter((x) => x !== e && isUnder(x.instancePath, e.instancePath));
    const typeHere = here.filter((x) => x.keyword === 'type' && x.instancePath === e.instancePath);
    const deeper = here.filter(
      (x) => !typeHere.includes(x) && x.keyword !== 'oneOf' && x.keyword !== 'anyOf',
    );
    for (const t of typeHere) dropped.add(t);
    if (deeper.length === 0 && typeHere.length > 0) {
      const types = [
        ...new Set(
          typeHere.flatMap((t) => String((t.params as { type: string | string[] }).type).split(',')),
        ),
      ];
      const path = [...prefix, ...segments(e.instancePath)];
      merged.push({
        path,
        at: 'value',
        message: typeMessage(path, types, e.data),
      });
    }
  }
  const out: SchemaIssue[] = [...merged];
  for (const e of relevant) {
    if (dropped.has(e)) continue;
    const issue = toIssue(e, prefix);
    if (issue) out.push(issue);
  }
  // The same problem reached twice (through a oneOf and its branch) is reported once.
  const seen = new Set<string>();
  return out.filter((i) => {
    const k = `${i.path.join('/')}|${i.at}|${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Values Compose substitutes before validating, and empty values, are not judged by their text. */
function ignorable(e: ErrorObject): boolean {
  if (e.keyword === 'additionalProperties' || e.keyword === 'required') return false;
  if (e.data === null) return true;
  return typeof e.data === 'string' && hasVariables(e.data);
}

/** Service keys of the version 1 file format and the key Compose reads today instead. */
const V1_RENAMED: Record<string, string> = { net: 'network_mode' };

function toIssue(e: ErrorObject, prefix: (string | number)[]): SchemaIssue | null {
  const path = [...prefix, ...segments(e.instancePath)];
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const keyPath = [...path, key];
      if (path.length === 1 && path[0] === 'services')
        return {
          path: keyPath,
          at: 'key',
          message: `\`${key}\` is not a valid service name: use letters, digits, \`.\`, \`_\` and \`-\`.`,
        };
      const known = Object.keys(
        ((e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ??
          {}) as object,
      );
      const suggestion =
        (declarationKind(path) === 'service' ? V1_RENAMED[key] : undefined) ?? closest(key, known);
      return {
        path: keyPath,
        at: 'key',
        message:
          `Unknown key \`${key}\` ${where(path)}` +
          (suggestion ? `; did you mean \`${suggestion}\`?` : `. Compose rejects keys it does not know.`),
        ...(suggestion ? { suggestion } : {}),
      };
    }
    case 'required': {
      const missing = String(params.missingProperty);
      return {
        path,
        at: 'key',
        message: `${label(path)} needs \`${missing}\`.`,
      };
    }
    case 'type': {
      const types = String(params.type).split(',');
      return { path, at: 'value', message: typeMessage(path, types, e.data) };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => `\`${String(v)}\``);
      return {
        path,
        at: 'value',
        message: `${label(path)} must be one of ${allowed.join(', ')}; \`${String(e.data)}\` is not.`,
      };
    }
    case 'uniqueItems': {
      const j = Number(params.j);
      const i = Number(params.i);
      return {
        path: [...path, Math.max(i, j)],
        at: 'value',
        message: `${label(path)} lists the same value twice (items ${Math.min(i, j) + 1} and ${Math.max(i, j) + 1}).`,
      };
    }
    case 'pattern':
      return {
        path,
        at: 'value',
        message: `${label(path)} \`${String(e.data)}\` is not valid here (expected the form ${String(params.pattern)}).`,
      };
    case 'minimum':
    case 'maximum':
      return {
        path,
        at: 'value',
        message: `${label(path)} must be ${e.keyword === 'minimum' ? 'at least' : 'at most'} ${String(params.limit)}.`,
      };
    default:
      return { path, at: 'value', message: `${label(path)} ${e.message ?? 'is not valid'}.` };
  }
}

function typeMessage(path: (string | number)[], types: string[], data: unknown): string {
  const kind = declarationKind(path);
  if (kind && types.length === 1 && types[0] === 'object')
    return `${label(path)} must be a mapping of its settings${kind === 'service' ? ' (`image: …`, `build: …`)' : ''}, not ${describe(data)}.`;
  return `${label(path)} must be ${orList(types.map(typeName))}, not ${describe(data)}.`;
}

/** `service` for `services.web`, `network` for `networks.backend`…, else undefined. */
function declarationKind(path: (string | number)[]): string | undefined {
  const [section, name] = path;
  if (path.length !== 2 || typeof name !== 'string' || typeof section !== 'string') return undefined;
  return ['services', 'networks', 'volumes', 'secrets', 'configs', 'models'].includes(section)
    ? section.slice(0, -1)
    : undefined;
}

/** "`condition`", "item 2 of `ports`", "Service `web`", or "The file" for the top. */
function label(path: (string | number)[]): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'The file';
  const kind = declarationKind(path);
  if (kind) return `${kind[0]?.toUpperCase() ?? ''}${kind.slice(1)} \`${String(last)}\``;
  if (typeof last === 'number') {
    const parent = path[path.length - 2];
    return `Item ${last + 1} of \`${String(parent ?? 'the list')}\``;
  }
  return `\`${last}\``;
}

function where(path: (string | number)[]): string {
  if (path.length === 0) return 'at the top level';
  if (path.length === 2 && path[0] === 'services') return `in service \`${String(path[1])}\``;
  if (
    path.length === 2 &&
    typeof path[0] === 'string' &&
    ['networks', 'volumes', 'secrets', 'configs'].includes(path[0])
  )
    return `in ${path[0].replace(/s$/, '')} \`${String(path[1])}\``;
  const last = [...path].reverse().find((p) => typeof p === 'string');
  return last === undefined ? 'here' : `in \`${last}\``;
}

function typeName(t: string): string {
  switch (t) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'integer':
      return 'a whole number';
    case 'boolean':
      return '`true` or `false`';
    case 'object':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'null':
      return 'empty';
    default:
      return t;
  }
}

function describe(v: unknown): string {
  if (v === null) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string \`${v.length > 40 ? v.slice(0, 37) + '…' : v}\``;
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'boolean') return `\`${v}\``;
  return typeof v;
}

function orList(items: string[]): string {
  const u = [...new Set(items)];
  if (u.length <= 1) return u[0] ?? 'valid';
  return `${u.slice(0, -1).join(', ')} or ${u[u.length - 1]}`;
}

/** The known key closest to a misspelt one, when it is close enough to be what was meant. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const w = word.toLowerCase();
  for (const c of candidates) {
    // The distance is at least the difference in length and the limit below is at most 3: skipping
    // those keys changes no answer and keeps a 20,000-character key from costing seconds.
    if (Math.abs(c.length - w.length) > 3) continue;
    const d = distance(w, c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(1, Math.min(3, Math.floor(best.length / 3)));
  return bestDistance <= limit ? best : undefined;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function distance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++)
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, ((d[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = v;
    }
  return (d[rows - 1] as number[])[cols - 1] as number;
}
