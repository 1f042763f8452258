/** Zero-based line and UTF-16 character, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
  /**
   * The same text as an LSP snippet whose tab stops are the values a user should tune (resource limits),
   * for clients that accept snippet edits (LSP 3.18 `SnippetTextEdit`, client capability
   * `workspace.workspaceEdit.snippetEditSupport`). Expanded with its defaults it equals `newText`.
   */
  snippet?: string;
}

export function pos(line: number, character: number): Position {
  return { line, character };
}

export function range(sl: number, sc: number, el: number, ec: number): Range {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function containsPosition(r: Range, p: Position): boolean {
  return comparePositions(r.start, p) <= 0 && comparePositions(p, r.end) <= 0;
}

/** Whether two ranges share a position (touching ends count: a cursor at a finding's end is on it). */
export function rangesOverlap(a: Range, b: Range): boolean {
  return comparePositions(a.end, b.start) >= 0 && comparePositions(b.end, a.start) >= 0;
}

/**
 * An immutable text with a line index. Every model keeps one so that rules and fixes can turn offsets
 * into positions and read lines without re-splitting the text.
 */
export class TextDoc {
  private starts: number[] | undefined;
  private eolCache: string | undefined;

  constructor(readonly text: string) {}

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    const t = this.text;
    // Most files have no carriage return: then indexOf finds the breaks far faster than a loop over
    // characters (this runs on every keystroke, for the whole file).
    if (t.indexOf('\r') < 0) {
      for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
      return starts;
    }
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (t.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
    return starts;
  }

  get lineCount(): number {
    return this.lineStarts().length;
  }

  /** The line ending the file uses most at its first break; new lines written by fixes use it too. */
  get eol(): string {
    if (this.eolCache === undefined) {
      const i = this.text.search(/\r\n|\n|\r/);
      this.eolCache =
        i < 0 ? '\n' : this.text[i] === '\r' ? (this.text[i + 1] === '\n' ? '\r\n' : '\r') : '\n';
    }
    return this.eolCache;
  }

  offsetAt(p: Position): number {
    const starts = this.lineStarts();
    if (p.line < 0) return 0;
    if (p.line >= starts.length) return this.text.length;
    const start = starts[p.line] ?? 0;
    const end = this.lineEnd(p.line);
    return Math.min(start + Math.max(0, p.character), end);
  }

  positionAt(offset: number): Position {
    const starts = this.lineStarts();
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - (starts[lo] ?? 0) };
  }

  /** Offset just past the last character of the line, before its line break. */
  lineEnd(line: number): number {
    const starts = this.lineStarts();
    const next = starts[line + 1];
    if (next === undefined) return this.text.length;
    let end = next;
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineStart(line: number): number {
    return this.lineStarts()[line] ?? this.text.length;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  getText(r: Range): string {
    return this.text.slice(this.offsetAt(r.start), this.offsetAt(r.end));
  }

  rangeOf(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  /** The range of the whole line, without its break. */
  lineRange(line: number): Range {
    return {
      start: { line, character: 0 },
      end: { line, character: this.lineEnd(line) - this.lineStart(line) },
    };
  }

  /** Leading white space of a line. */
  indentOf(line: number): string {
    return /^[ \t]*/.exec(this.lineText(line))?.[0] ?? '';
  }
}

/**
 * Applies non-overlapping edits to a text. Edits that overlap an earlier one are dropped rather than
 * producing a corrupt result; callers that combine fixes re-run analysis and apply again.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: number } {
  const doc = new TextDoc(text);
  const sorted = edits
    .map((e, i) => ({ s: doc.offsetAt(e.range.start), e: doc.offsetAt(e.range.end), t: e.newText, i }))
    .sort((a, b) => a.s - b.s || a.e - b.e || a.i - b.i);
  let out = '';
  let last = 0;
  let applied = 0;
  for (const e of sorted) {
    if (e.s < last) continue;
    out += text.slice(last, e.s) + e.t;
    last = e.e;
    applied++;
  }
  out += text.slice(last);
  return { text: out, applied };
}

/**
 * Applies whole fixes (each a group of edits) in order, skipping any fix that touches text an earlier
 * accepted fix touches, so a fix is never half-applied. Returns how many fixes were applied.
 */
export function applyFixGroups(
  text: string,
  groups: readonly (readonly TextEdit[])[],
): { text: string; applied: number } {
  const doc = new TextDoc(text);
  const taken: [number, number][] = [];
  const accepted: TextEdit[] = [];
  let applied = 0;
  for (const g of groups) {
    const spans = g.map((e) => [doc.offsetAt(e.range.start), doc.offsetAt(e.range.end)] as [number, number]);
    const clash = spans.some(([s, e]) =>
      taken.some(
        ([ts, te]) =>
          (s < te && ts < e) ||
          s === ts ||
          (s === e && s >= ts && s <= te) ||
          (ts === te && ts >= s && ts <= e),
      ),
    );
    if (clash) continue;
    taken.push(...spans);
    accepted.push(...g);
    applied++;
  }
  return { text: applyEdits(text, accepted).text, applied };
}
