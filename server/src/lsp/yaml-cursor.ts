import type { Position } from 'vscode-languageserver/node';
import type { TextDoc } from '../core/text';

/**
 * Where the cursor is in a YAML file, read from indentation rather than from a parse: completion runs
 * while the user is typing, when the document is usually not valid YAML yet (`    resou` on a line of its
 * own). One pass up from the cursor, linear in the lines read.
 */
export interface YamlCursor {
  /** Keys from the top of the document to the mapping the cursor is in; `-` for a sequence item. */
  path: string[];
  /**
   * `key`: a new key is being typed; `value`: after `key: ` (`path` ends with that key); `item`: after
   * `- ` (a sequence item, which may be a scalar or the first key of a mapping).
   */
  at: 'key' | 'value' | 'item';
  /** The text typed so far, and the character where it starts. */
  typed: string;
  typedStart: number;
  /** The lines of the YAML document (between `---` markers) the cursor is in, end exclusive. */
  docStart: number;
  docEnd: number;
}

interface LineShape {
  /** Columns of the `- ` markers, left to right. */
  dashes: number[];
  key: string | null;
  keyCol: number;
  /** Column after `key:` and its blanks. */
  valueCol: number;
}

// A key: plain (no `: ` or ` #` inside) or quoted; the colon must end the line or precede a blank.
const KEY = /^(?:"([^"]*)"|'([^']*)'|([^\s"'#:][^:#]*)):(?=[ \t]|$)/;

/** Reads a line's sequence markers and key. Comment and blank lines have no shape. */
export function lineShape(line: string): LineShape | null {
  let col = 0;
  while (col < line.length && line[col] === ' ') col++;
  if (col >= line.length || line[col] === '#') return null;
  const dashes: number[] = [];
  while (line[col] === '-' && (line[col + 1] === ' ' || col + 1 === line.length)) {
    dashes.push(col);
    col++;
    while (line[col] === ' ') col++;
  }
  const m = KEY.exec(line.slice(col));
  if (!m) return { dashes, key: null, keyCol: col, valueCol: col };
  let valueCol = col + m[0].length;
  while (line[valueCol] === ' ' || line[valueCol] === '\t') valueCol++;
  return { dashes, key: m[1] ?? m[2] ?? (m[3] ?? '').trimEnd(), keyCol: col, valueCol };
}

/** The line range of the YAML document holding `line`. */
export function documentLines(doc: TextDoc, line: number): { start: number; end: number } {
  let start = 0;
  for (let l = line; l >= 0; l--)
    if (l !== line && isMarker(doc.lineText(l))) {
      start = l + 1;
      break;
    }
  let end = doc.lineCount;
  for (let l = line + 1; l < doc.lineCount; l++)
    if (isMarker(doc.lineText(l))) {
      end = l;
      break;
    }
  return { start, end };
}

function isMarker(text: string): boolean {
  return text.startsWith('---') || text.startsWith('...');
}

/**
 * The keys above column `col` of `line`, from the top of its document. `item`: what sits at `col` is a
 * sequence item, which may be written at the column of its key (`depends_on:` then `- db` under its `d`).
 */
export function parentPath(
  doc: TextDoc,
  line: number,
  col: number,
  docStart: number,
  item = false,
): string[] {
  const path: string[] = [];
  let limit = col;
  let seq = item;
  for (let l = line - 1; l >= docStart && (limit > 0 || seq); l--) {
    const text = doc.lineText(l);
    const shape = lineShape(text);
    if (!shape) continue;
    if (
      shape.key !== null &&
      (shape.keyCol < limit ||
        (seq && shape.keyCol === limit && /^(?:#.*)?$/.test(text.slice(shape.valueCol))))
    ) {
      path.unshift(shape.key);
      limit = shape.keyCol;
      seq = false;
    }
    for (let i = shape.dashes.length - 1; i >= 0; i--) {
      const d = shape.dashes[i] as number;
      if (d < limit) {
        path.unshift('-');
        limit = d;
        seq = true;
      }
    }
  }
  return path;
}

export function cursorAt(doc: TextDoc, position: Position): YamlCursor | null {
  const { start, end } = documentLines(doc, position.line);
  const line = doc.lineText(position.line);
  const before = line.slice(0, position.character);
  if (/^\s*#/.test(before) || before.includes(' #')) return null;
  const shape = lineShape(before) ?? {
    dashes: [],
    key: null,
    keyCol: before.length,
    valueCol: before.length,
  };
  const base = parentPath(
    doc,
    position.line,
    shape.dashes[0] ?? shape.keyCol,
    start,
    shape.dashes.length > 0,
  );
  for (let i = 0; i < shape.dashes.length; i++) base.push('-');
  if (shape.key !== null) {
    const typed = before.slice(shape.valueCol);
    // Flow collections and quoted values are left alone: their structure is not read here.
    if (/^[[{]/.test(typed)) return null;
    return {
      path: [...base, shape.key],
      at: 'value',
      typed: typed.replace(/^["']/, ''),
      typedStart: shape.valueCol + (/^["']/.test(typed) ? 1 : 0),
      docStart: start,
      docEnd: end,
    };
  }
  const typed = before.slice(shape.keyCol);
  if (/[\s:]/.test(typed)) return null;
  return {
    path: base,
    at: shape.dashes.length > 0 ? 'item' : 'key',
    typed,
    typedStart: shape.keyCol,
    docStart: start,
    docEnd: end,
  };
}

/** The path of the key under the cursor (for hover), or null when the cursor is not on a key. */
export function keyPathAt(
  doc: TextDoc,
  position: Position,
): { path: string[]; start: number; end: number } | null {
  const line = doc.lineText(position.line);
  const shape = lineShape(line);
  if (!shape || shape.key === null) return null;
  const end = shape.keyCol + shape.key.length + (/^["']/.test(line.slice(shape.keyCol)) ? 2 : 0);
  if (position.character < shape.keyCol || position.character > end) return null;
  const { start } = documentLines(doc, position.line);
  const path = parentPath(
    doc,
    position.line,
    shape.dashes[0] ?? shape.keyCol,
    start,
    shape.dashes.length > 0,
  );
  for (let i = 0; i < shape.dashes.length; i++) path.push('-');
  path.push(shape.key);
  return { path, start: shape.keyCol, end };
}

/** Top-level `key: value` scalars of a document (apiVersion, kind), read from its lines. */
export function topScalars(doc: TextDoc, start: number, end: number): Map<string, string> {
  const out = new Map<string, string>();
  for (let l = start; l < end; l++) {
    const m = /^([A-Za-z]+):[ \t]*["']?([^\s"'#]+)/.exec(doc.lineText(l));
    if (m?.[1] && m[2]) out.set(m[1], m[2]);
  }
  return out;
}
