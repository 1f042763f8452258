import type { TextDoc, TextEdit } from '../core/text';
import type { ComposeModel, ComposeService } from '../languages/compose/model';
import { deref, isMap, isScalar, isSeq, type Entry, type Node, type YAMLMap } from '../languages/yaml/model';
import { addUnderKey, appendToMap, appendToSeq, indentUnit, replaceNode } from './yaml';

/**
 * Edits the Compose fixes share. They build on the YAML builders (whole lines at the right column, the
 * file's own indentation and line endings) and refuse to edit what they must not: keys that come from an
 * anchor through a merge key (editing the anchor would change every service that uses it), aliases and
 * flow collections.
 */

/** Indents nested fix lines by the file's own step: `nest(doc, 2, 'x')` is two steps in. */
export function nest(doc: TextDoc, depth: number, line: string): string {
  return indentUnit(doc).repeat(depth) + line;
}

/** Lines for a nested block: `['a:', ['b: 1']]` becomes `a:` and an indented `b: 1`. */
export type Block = (string | Block)[];

export function blockLines(doc: TextDoc, block: Block, depth = 0): string[] {
  const out: string[] = [];
  for (const item of block) {
    if (typeof item === 'string') out.push(nest(doc, depth, item));
    else out.push(...blockLines(doc, item, depth + 1));
  }
  return out;
}

/** Adds keys at the end of a service's own mapping (or under an empty `web:`). */
export function addToService(
  model: ComposeModel,
  service: ComposeService,
  block: Block,
): TextEdit | undefined {
  const raw = service.pair.value as Node | null;
  if (raw && !isMap(raw) && !(isScalar(raw) && raw.value === null)) return undefined;
  return addUnderKey(model.doc, service.keyNode, raw, blockLines(model.doc, block));
}

/**
 * Adds keys under an entry of the service (for example `resources:` under `deploy:`), when the entry is
 * written in the service itself as a block mapping or left empty.
 */
export function addUnderEntry(model: ComposeModel, entry: Entry, block: Block): TextEdit | undefined {
  if (entry.merged) return undefined;
  const raw = entry.pair.value as Node | null;
  if (raw && raw !== deref(raw)) return undefined;
  if (raw && !isMap(raw) && !(isScalar(raw) && raw.value === null)) return undefined;
  return addUnderKey(model.doc, entry.keyNode, raw, blockLines(model.doc, block));
}

/** Appends to a block mapping written in place (not reached through an alias). */
export function appendToOwnMap(model: ComposeModel, map: YAMLMap, block: Block): TextEdit | undefined {
  return appendToMap(model.doc, map, blockLines(model.doc, block));
}

/** The entry's own key, written in this service (not merged in from an anchor). */
export function ownEntry(service: ComposeService, key: string): Entry | undefined {
  const e = service.get(key);
  return e && !e.merged ? e : undefined;
}

/** A YAML scalar for a string: plain when YAML reads it back as the same string, else double-quoted. */
export function yamlString(s: string): string {
  const plainSafe =
    /^[A-Za-z0-9_./][A-Za-z0-9_./:@%+=,-]*$/.test(s) &&
    !/^(true|false|yes|no|on|off|null|~|y|n)$/i.test(s) &&
    !/^[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(s) &&
    !/^0[xo]/i.test(s) &&
    !s.includes(': ') &&
    !s.endsWith(':');
  return plainSafe ? s : JSON.stringify(s);
}

/**
 * Adds an item to a list key of a service (`cap_drop`, `security_opt`, `tmpfs`), creating the key when
 * the service has none. Lists that come from an anchor are not edited.
 */
export function addListItem(
  model: ComposeModel,
  service: ComposeService,
  key: string,
  item: string,
): TextEdit | undefined {
  const e = service.get(key);
  if (!e) return addToService(model, service, [`${key}:`, [`- ${item}`]]);
  if (e.merged) return undefined;
  const raw = e.pair.value as Node | null;
  if (!isSeq(raw)) return undefined;
  if (raw.flow) {
    const parts = (raw.items as Node[]).map((n) =>
      n.range ? model.doc.text.slice(n.range[0], n.range[1]) : '',
    );
    return replaceNode(model.doc, raw, `[${[...parts, item].join(', ')}]`);
  }
  if (raw.items.length === 0) return undefined;
  return appendToSeq(model.doc, raw, [`- ${item}`]);
}
