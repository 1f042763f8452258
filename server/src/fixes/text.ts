import type { Range, TextDoc, TextEdit } from '../core/text';

/** Edit builders that keep the file's line endings and indentation. */

export function replace(range: Range, newText: string): TextEdit {
  return { range, newText };
}

/** Inserts whole lines before a line, indented like it. */
export function insertLinesBefore(doc: TextDoc, line: number, lines: string[]): TextEdit {
  const indent = doc.indentOf(line);
  const at = { line, character: 0 };
  return {
    range: { start: at, end: at },
    newText: lines.map((l) => (l ? indent + l : l) + doc.eol).join(''),
  };
}

/**
 * Inserts whole lines after a line (after its line break), indented like `indentLine` (by default the
 * same line; pass an instruction's first line so continuation indentation is not copied).
 */
export function insertLinesAfter(doc: TextDoc, line: number, lines: string[], indentLine = line): TextEdit {
  const indent = doc.indentOf(indentLine);
  const end = doc.lineEnd(line);
  const at = doc.positionAt(end);
  const body = lines.map((l) => (l ? indent + l : l)).join(doc.eol);
  return { range: { start: at, end: at }, newText: doc.eol + body };
}

/** Removes whole lines, including the line break of the last one. */
export function deleteLines(doc: TextDoc, startLine: number, endLine: number): TextEdit {
  const start = { line: startLine, character: 0 };
  const end =
    endLine + 1 < doc.lineCount ? { line: endLine + 1, character: 0 } : doc.positionAt(doc.text.length);
  // At the end of the file, take the break before the block instead so no blank line is left behind.
  if (endLine + 1 >= doc.lineCount && startLine > 0) {
    return { range: { start: doc.positionAt(doc.lineEnd(startLine - 1)), end }, newText: '' };
  }
  return { range: { start, end }, newText: '' };
}

/** Inserts text at a position. */
export function insertAt(pos: { line: number; character: number }, text: string): TextEdit {
  return { range: { start: pos, end: pos }, newText: text };
}

/** Quotes a string as a JSON string for exec-form instructions. */
export function jsonString(s: string): string {
  return JSON.stringify(s);
}

/** Text made literal in a snippet: `$`, `}` and `\\` are escaped. */
export function escapeSnippet(s: string): string {
  return s.replace(/[$}\\]/g, '\\$&');
}

/**
 * The edit with a snippet form of its text (see `TextEdit.snippet`) in which every match of `values` (a
 * global pattern) is a tab stop whose default is the value, in order. Unchanged when nothing matches.
 */
export function withTabStops(edit: TextEdit, values: RegExp): TextEdit {
  let n = 0;
  let last = 0;
  let out = '';
  for (const m of edit.newText.matchAll(values)) {
    out += escapeSnippet(edit.newText.slice(last, m.index)) + `\${${++n}:${escapeSnippet(m[0])}}`;
    last = m.index + m[0].length;
  }
  return n === 0 ? edit : { ...edit, snippet: out + escapeSnippet(edit.newText.slice(last)) };
}
