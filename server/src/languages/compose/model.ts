import type { Alias } from 'yaml';
import type { Range, TextDoc } from '../../core/text';
import {
  contentEnd,
  deref,
  entries,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  str,
  type Entry,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YamlProblem,
} from '../yaml/model';
import { resolveTemplate, type Resolved } from './interpolation';

/** The kinds of top-level declarations services refer to by name. */
export type ResourceKind = 'networks' | 'volumes' | 'secrets' | 'configs';
export const RESOURCE_KINDS: readonly ResourceKind[] = ['networks', 'volumes', 'secrets', 'configs'];

export interface ComposeService {
  name: string;
  /** The service's key under `services:`. */
  keyNode: Scalar;
  pair: Pair;
  /** Its mapping, or null when the service is empty (`web:`) or not a mapping. */
  node: YAMLMap | null;
  /** Its keys as Compose sees them: written here, then merged in (`<<: *base`); `!reset` ones removed. */
  entries: Entry[];
  get(key: string): Entry | undefined;
  /** `extends:` — a service in this file (`file` undefined) or in another file. */
  extends: { service: string; file: string | undefined; entry: Entry } | null;
  /** The aliases written inside the service, when the parser knows them without a walk. */
  aliases?: Alias[];
}

export interface ComposeModel {
  doc: TextDoc;
  /** The top mapping of the (first) document, or null for an empty or non-mapping file. */
  root: YAMLMap | null;
  /** YAML syntax errors and warnings (Compose's own tags excepted). */
  problems: YamlProblem[];
  /** The file name without directories (`compose.yaml`). */
  fileName: string;
  /**
   * An override or environment file (`compose.override.yaml`, `compose.prod.yml`): it is merged over a
   * main file Compose reads first, so things it leaves out may well be set there.
   */
  partial: boolean;
  /** Values from the `.env` file beside the document (empty when there is none or it is unknown). */
  env: ReadonlyMap<string, string>;
  /** Top-level entries by key. */
  top: ReadonlyMap<string, Entry>;
  services: ComposeService[];
  serviceByName: ReadonlyMap<string, ComposeService>;
  /** Top-level declarations by kind and name (`networks: { backend: … }`). */
  declared: Record<ResourceKind, ReadonlyMap<string, Entry>>;
  /**
   * True when what the file refers to may be declared where this model cannot see: files it pulls in
   * (`include:`), or further YAML documents in the file, which Compose merges and the model leaves out.
   */
  definedElsewhere: boolean;
  /** The file holds further YAML documents after the first, which the model leaves out. */
  moreDocuments: boolean;
  /** Anchored nodes in document order (`x-logging: &logging …`). */
  anchors: { name: string; node: Node }[];
  /**
   * A memo that lives as long as the document's parse cache, for derived data keyed by source text
   * (schema validation results). Only helpers in this language layer use it.
   */
  memo: Map<string, unknown>;
}

/** The value a service sees for a key, following `extends` within the file (bounded). */
export function lookup(model: ComposeModel, service: ComposeService, key: string): Entry | undefined {
  let s: ComposeService | undefined = service;
  for (let depth = 0; s && depth < 10; depth++) {
    const e = s.get(key);
    if (e) return e;
    if (!s.extends || s.extends.file !== undefined) return undefined;
    s = model.serviceByName.get(s.extends.service);
  }
  return undefined;
}

/**
 * Whether a service inherits from something this file cannot show (a service in another file, or one
 * that is not defined here): rules about missing keys stay quiet for it.
 */
export function inheritsUnknown(model: ComposeModel, service: ComposeService): boolean {
  let s: ComposeService | undefined = service;
  for (let depth = 0; s && depth < 10; depth++) {
    if (!s.extends) return false;
    if (s.extends.file !== undefined) return true;
    s = model.serviceByName.get(s.extends.service);
    if (!s) return true;
  }
  return true;
}

/** A scalar as written, with interpolation resolved from `.env` where it can be. */
export function resolved(model: ComposeModel, node: Node | null | undefined): Resolved | undefined {
  const s = str(node);
  if (s === undefined) return undefined;
  return resolveTemplate(s, (name) => model.env.get(name));
}

/** The range of a service's name key, where findings about the service as a whole go. */
export function serviceRange(model: ComposeModel, service: ComposeService): Range {
  const r = service.keyNode.range ?? [0, 0, 0];
  return model.doc.rangeOf(r[0], r[1]);
}

/** The range of a node's text (a key, a scalar, or a collection up to its last item). */
export function rangeOf(model: ComposeModel, node: Node): Range {
  const r = node.range ?? [0, 0, 0];
  return model.doc.rangeOf(r[0], isMap(node) || isSeq(node) ? contentEnd(node) : r[1]);
}

/** The service's mapping entries, built once per parse. */
export function buildService(name: string, keyNode: Scalar, pair: Pair, own: Entry[]): ComposeService {
  const value = deref(pair.value as Node | null);
  const node = isMap(value) ? value : null;
  const list = own.filter((e) => !isReset(e.value) && !isReset(e.pair.value as Node | null));
  const byKey = new Map(list.map((e) => [e.key, e]));
  let ext: ComposeService['extends'] = null;
  const extEntry = byKey.get('extends');
  if (extEntry) {
    const v = extEntry.value;
    if (isScalar(v) && typeof v.value === 'string')
      ext = { service: v.value, file: undefined, entry: extEntry };
    else if (isMap(v)) {
      const svc = v.items.find((p) => isScalar(p.key) && (p.key as Scalar).value === 'service');
      const file = v.items.find((p) => isScalar(p.key) && (p.key as Scalar).value === 'file');
      const svcName = str(svc?.value as Node | undefined);
      if (svcName !== undefined)
        ext = { service: svcName, file: str(file?.value as Node | undefined), entry: extEntry };
    }
  }
  return { name, keyNode, pair, node, entries: list, get: (k) => byKey.get(k), extends: ext };
}

/** `!reset` removes a value Compose would otherwise merge in; in one file it reads as absent. */
export function isReset(node: Node | null | undefined): boolean {
  return !!node && (node as { tag?: string }).tag === '!reset';
}

/**
 * `entries` of the shared YAML layer, remembered for the current parse: two dozen rules ask for the same
 * mappings, and on a 300-service file the repeated walks were a quarter of the analysis. The memo is only
 * valid for one parse, because aliases are re-linked to new anchors when the text around them changes.
 */
let generation = 0;
const memo = new WeakMap<object, { generation: number; list: Entry[] }>();

export function nextGeneration(): void {
  generation++;
}

export function entriesOf(node: Node | null | undefined): Entry[] {
  const n = deref(node);
  if (!n || !isMap(n)) return [];
  const hit = memo.get(n);
  if (hit && (hit.generation === generation || hit.generation === STABLE)) return hit.list;
  const list = entries(n);
  // A mapping whose values are written in place (no alias, no merge key) reads the same for as long
  // as its nodes live, which for an unchanged service is many parses.
  const stable = n.items.every(
    (p) => !isAlias(p.value) && isScalar(p.key) && typeof p.key.value !== 'symbol' && p.key.value !== '<<',
  );
  memo.set(n, { generation: stable ? STABLE : generation, list });
  return list;
}

const STABLE = -1;
