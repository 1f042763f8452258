import type { Range, TextDoc } from '../../core/text';
import type { DInstruction } from './model';

/** A `$NAME` or `${NAME…}` reference in an instruction, with the range of its name. */
export interface VarRef {
  name: string;
  range: Range;
}

/** Build arguments BuildKit defines for every FROM line (dockerfile2llb/platform.go defaultArgs). */
export const PLATFORM_ARGS: readonly string[] = [
  'BUILDPLATFORM', 'BUILDOS', 'BUILDOSVERSION', 'BUILDARCH', 'BUILDVARIANT', 'TARGETPLATFORM', 'TARGETOS',
  'TARGETOSVERSION', 'TARGETARCH', 'TARGETVARIANT', 'TARGETSTAGE',
]; // prettier-ignore

/**
 * The variable references the builder expands in a stretch of the document, as its shell lexer finds
 * them: not inside single quotes, not after the escape character.
 */
export function varRefs(doc: TextDoc, start: number, end: number, esc: string): VarRef[] {
  const text = doc.text;
  const out: VarRef[] = [];
  let single = false;
  let double = false;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === "'" && !double) single = !single;
    else if (single) continue;
    else if (c === '"') double = !double;
    else if (c === esc) i++;
    else if (c === '$') {
      const braced = text[i + 1] === '{';
      const from = braced ? i + 2 : i + 1;
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(from, Math.min(end, from + 256)));
      if (!m) continue;
      out.push({ name: m[0], range: doc.rangeOf(from, from + m[0].length) });
      i = from + m[0].length - 1;
    }
  }
  return out;
}

/** Where an instruction's words are expanded: its arguments and flag values, not heredoc bodies. */
export function expandedText(doc: TextDoc, ins: DInstruction): { start: number; end: number } | null {
  const first = ins.flags[0]?.range ?? ins.argsRange;
  if (!first || !ins.argsRange) return null;
  const start = doc.offsetAt(first.start);
  const end = ins.heredocs.length > 0 ? doc.lineEnd(ins.range.start.line) : doc.offsetAt(ins.argsRange.end);
  return { start, end };
}

/** Levenshtein distance, stopping early past `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    prev = cur;
  }
  return prev[b.length] ?? max + 1;
}

/** BuildKit's suggest.Search: the closest option within an edit distance of 2, or undefined. */
export function didYouMean(name: string, options: Iterable<string>): string | undefined {
  let best: string | undefined;
  let min = 3;
  for (const o of options) {
    if (o === name) return undefined;
    const d = distance(name, o, min);
    if (d < min) {
      best = o;
      min = d;
    }
  }
  return best;
}
