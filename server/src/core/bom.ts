import type { Finding, Fix, FixSpec } from './rule';
import type { Position, Range, TextEdit } from './text';

/**
 * A byte-order mark is not content: the YAML spec allows one before any document and BuildKit drops it
 * before reading a Dockerfile. Files are parsed without it, and what the analysis reports is moved back
 * onto the text as given: the mark is one UTF-16 unit at line 0, column 0, so only line-0 columns move,
 * by one. Edits move the same way, which keeps the mark at the start of fixed text (an insertion at the
 * start of the content goes after it).
 */
export const BOM = '\ufeff';

export function hasBom(text: string): boolean {
  return text.charCodeAt(0) === 0xfeff;
}

/** The text without a leading byte-order mark. */
export function withoutBom(text: string): string {
  return hasBom(text) ? text.slice(1) : text;
}

/** A position in the text without the mark → the same place in the text with it. */
export function toMarked(p: Position): Position {
  return p.line === 0 ? { line: 0, character: p.character + 1 } : { ...p };
}

/** A position in the text with the mark → the text without it (the mark itself maps to the start). */
export function fromMarked(p: Position): Position {
  return p.line === 0 ? { line: 0, character: Math.max(0, p.character - 1) } : { ...p };
}

export function rangeToMarked(r: Range): Range {
  return { start: toMarked(r.start), end: toMarked(r.end) };
}

export function rangeFromMarked(r: Range): Range {
  return { start: fromMarked(r.start), end: fromMarked(r.end) };
}

function editToMarked(e: TextEdit): TextEdit {
  return { range: rangeToMarked(e.range), newText: e.newText };
}

export function fixSpecToMarked(s: FixSpec): FixSpec {
  return { ...s, edits: s.edits.map(editToMarked) };
}

/** A finding on the text without the mark, restated for the text with it; fixes stay lazy. */
export function findingToMarked(f: Finding): Finding {
  let cached: Fix[] | undefined;
  return {
    ...f,
    range: rangeToMarked(f.range),
    fixes() {
      cached ??= f.fixes().map((x) => ({ ...x, edits: x.edits.map(editToMarked) }));
      return cached;
    },
  };
}
