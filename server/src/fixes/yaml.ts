import type { TextDoc, TextEdit } from '../core/text';
import {
  contentEnd,
  isMap,
  isSeq,
  type Node,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from '../languages/yaml/model';

/**
 * Edit builders for YAML that keep everything they do not touch: comments, anchors, quoting, key order
 * and the file's own indentation width and line endings. They insert whole lines at the right column
 * rather than re-serialising documents.
 */

/** The indentation step the file uses (the smallest indentation of a nested line), 2 when unknown. */
export function indentUnit(doc: TextDoc): string {
  let best = 0;
  const n = Math.min(doc.lineCount, 400);
  for (let i = 0; i < n; i++) {
    const m = /^( +)\S/.exec(doc.lineText(i));
    if (m && m[1] && !doc.lineText(i).trimStart().startsWith('#')) {
      const w = m[1].length;
      if (best === 0 || w < best) best = w;
    }
  }
  return ' '.repeat(best > 0 && best <= 8 ? best : 2);
}

export function columnOf(doc: TextDoc, offset: number): number {
  return doc.positionAt(offset).character;
}

/** The column the keys of a block mapping start at. */
export function keyColumn(doc: TextDoc, map: YAMLMap): number | undefined {
  const first = map.items[0] as Pair | undefined;
  const key = first?.key as Node | null | undefined;
  if (!key?.range) return undefined;
  return columnOf(doc, key.range[0]);
}

/**
 * The end of the line holding the last character before `offset` that is not white space. A block
 * scalar (`|`, `>-`) ends after its line break, at the start of the next line, where nothing may go.
 */
function atLineEnd(doc: TextDoc, offset: number): { line: number; character: number } {
  let end = offset;
  while (end > 0 && /\s/.test(doc.text.charAt(end - 1))) end--;
  const line = doc.positionAt(end).line;
  return doc.positionAt(doc.lineEnd(line));
}

function block(doc: TextDoc, column: number, lines: string[]): string {
  const pad = ' '.repeat(column);
  return lines.map((l) => doc.eol + (l ? pad + l : '')).join('');
}

/**
 * Appends entries to a block mapping. `lines` are written relative to the mapping's key column (nested
 * lines carry their own extra indentation, in steps of `indentUnit`). Flow mappings are not edited.
 */
export function appendToMap(doc: TextDoc, map: YAMLMap, lines: string[]): TextEdit | undefined {
  if (map.flow || map.items.length === 0) return undefined;
  const column = keyColumn(doc, map);
  if (column === undefined) return undefined;
  const at = atLineEnd(doc, contentEnd(map));
  return { range: { start: at, end: at }, newText: block(doc, column, lines) };
}

/** Appends items to a block sequence, at the column of its dashes. */
export function appendToSeq(doc: TextDoc, seq: YAMLSeq, lines: string[]): TextEdit | undefined {
  if (seq.flow || seq.items.length === 0) return undefined;
  const first = seq.items[0] as Node | undefined;
  if (!first?.range) return undefined;
  // The dash sits before the item's content; find it on the item's line.
  const pos = doc.positionAt(first.range[0]);
  const text = doc.lineText(pos.line);
  const dash = text.lastIndexOf('-', pos.character);
  if (dash < 0) return undefined;
  const at = atLineEnd(doc, contentEnd(seq));
  return { range: { start: at, end: at }, newText: block(doc, dash, lines) };
}

/**
 * Gives a key whose value is empty (`deploy:` with nothing after it) a nested block, or appends to the
 * mapping it already holds. `keyNode` is the key; `value` its current value.
 */
export function addUnderKey(
  doc: TextDoc,
  keyNode: Node,
  value: Node | null,
  lines: string[],
): TextEdit | undefined {
  if (value && isMap(value)) return appendToMap(doc, value, lines);
  if (value && !isMapLikeNull(value)) return undefined;
  if (!keyNode.range) return undefined;
  const column = columnOf(doc, keyNode.range[0]) + indentUnit(doc).length;
  const endOffset = value?.range ? value.range[1] : keyNode.range[1];
  const at = atLineEnd(doc, endOffset);
  return { range: { start: at, end: at }, newText: block(doc, column, lines) };
}

function isMapLikeNull(node: Node): boolean {
  return !isMap(node) && !isSeq(node) && (node as { value?: unknown }).value === null;
}

/** Replaces a node's text (a scalar, or a whole flow collection). */
export function replaceNode(doc: TextDoc, node: Node, text: string): TextEdit | undefined {
  if (!node.range) return undefined;
  return { range: doc.rangeOf(node.range[0], contentEnd(node)), newText: text };
}

/** Removes a block mapping entry: its key line through the end of its value, comments above kept. */
export function deletePair(doc: TextDoc, pair: Pair): TextEdit | undefined {
  const key = pair.key as Node | null;
  if (!key?.range) return undefined;
  const value = pair.value as Node | null;
  const startLine = doc.positionAt(key.range[0]).line;
  const endLine = doc.positionAt(value?.range ? contentEnd(value) : key.range[1]).line;
  // The key must start its line: entries of flow mappings are not removed this way.
  if (doc.lineText(startLine).slice(0, doc.positionAt(key.range[0]).character).trim() !== '')
    return undefined;
  const start = { line: startLine, character: 0 };
  const end =
    endLine + 1 < doc.lineCount ? { line: endLine + 1, character: 0 } : doc.positionAt(doc.text.length);
  return { range: { start, end }, newText: '' };
}

/** Appends a YAML document at the end of the file, after a `---` separator. */
export function appendDocument(doc: TextDoc, lines: string[]): TextEdit {
  const end = doc.positionAt(doc.text.length);
  const needsBreak = doc.text.length > 0 && !/\r?\n$/.test(doc.text);
  const body = ['---', ...lines].join(doc.eol) + doc.eol;
  return { range: { start: end, end }, newText: (needsBreak ? doc.eol : '') + body };
}

/** Removes an item of a block sequence (`- …` through the end of its value); flow items are not removed. */
export function deleteItem(doc: TextDoc, item: Node): TextEdit | undefined {
  if (!item.range) return undefined;
  const start = doc.positionAt(item.range[0]);
  if (!/^\s*-\s+$/.test(doc.lineText(start.line).slice(0, start.character))) return undefined;
  const endLine = doc.positionAt(contentEnd(item)).line;
  const end =
    endLine + 1 < doc.lineCount ? { line: endLine + 1, character: 0 } : doc.positionAt(doc.text.length);
  return { range: { start: { line: start.line, character: 0 }, end }, newText: '' };
}
