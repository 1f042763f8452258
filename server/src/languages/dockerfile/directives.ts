import type { Range, TextDoc } from '../../core/text';

/**
 * Parser directives (`# syntax=`, `# escape=`, `# check=`) read as BuildKit reads them
 * (frontend/dockerfile/parser/directives.go): only at the very top of the file, after an optional `#!`
 * line, one per line, each `# name=value` with a known name; the first line that is not one (a blank
 * line, an instruction, any other comment) ends them. A name seen twice makes the build fail.
 */
export interface Directive {
  name: 'syntax' | 'escape' | 'check';
  /** The value with surrounding white space trimmed. */
  value: string;
  line: number;
  valueRange: Range;
}

export interface CheckName {
  name: string;
  range: Range;
}

/** BuildKit's lint configuration from a `check=` value (linter.ParseLintOptions). */
export interface CheckOptions {
  skipAll: boolean;
  skip: CheckName[];
  experimentalAll: boolean;
  experimental: CheckName[];
  error: boolean;
  /** Why BuildKit rejects the value ("failed to parse check options"), or null. */
  invalid: { message: string; range: Range } | null;
}

const DIRECTIVE = /^#[ \t]*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=(.*)$/;

/** A directive on a line: its lower-cased name and its trimmed value with its range. */
function readDirective(
  doc: TextDoc,
  line: number,
): { name: string; value: string; valueRange: Range } | null {
  const text = doc.lineText(line);
  // The main parser strips leading white space before looking for a directive.
  const lead = text.length - text.trimStart().length;
  const m = DIRECTIVE.exec(text.slice(lead));
  if (!m) return null;
  const rest = m[2] ?? '';
  const value = rest.trim();
  const start = lead + m[0].length - rest.length + (rest.length - rest.trimStart().length);
  return {
    name: (m[1] ?? '').toLowerCase(),
    value,
    valueRange: { start: { line, character: start }, end: { line, character: start + value.length } },
  };
}
const NAMES = new Set(['syntax', 'escape', 'check']);

export function topDirectives(doc: TextDoc): Directive[] {
  const out: Directive[] = [];
  const seen = new Set<string>();
  for (let line = 0; line < doc.lineCount; line++) {
    if (line === 0 && doc.lineText(line).startsWith('#!')) continue;
    const d = readDirective(doc, line);
    if (!d || !NAMES.has(d.name) || d.value === '' || seen.has(d.name)) break;
    seen.add(d.name);
    out.push({ name: d.name as Directive['name'], value: d.value, line, valueRange: d.valueRange });
  }
  return out;
}

/**
 * Reads a `check=` value as BuildKit does: the value ends at its first space, its parts are split on `;`
 * (at most three), each `key=value` with key `skip`, `experimental` or `error`.
 */
export function checkOptions(d: Pick<Directive, 'value' | 'valueRange'>): CheckOptions {
  const opts: CheckOptions = {
    skipAll: false,
    skip: [],
    experimentalAll: false,
    experimental: [],
    error: false,
    invalid: null,
  };
  const line = d.valueRange.start.line;
  const base = d.valueRange.start.character;
  const space = d.value.indexOf(' ');
  const value = space < 0 ? d.value : d.value.slice(0, space);
  const at = (from: number, to: number): Range => ({
    start: { line, character: base + from },
    end: { line, character: base + to },
  });
  const parts = splitN(value, ';', 3);
  let offset = 0;
  for (const part of parts) {
    const eq = part.indexOf('=');
    const partRange = at(offset, offset + part.length);
    if (eq < 0) {
      opts.invalid = { message: `invalid check option "${part}"`, range: partRange };
      return opts;
    }
    const key = part.slice(0, eq).trim();
    const v = part.slice(eq + 1);
    const vStart = offset + eq + 1;
    if (key === 'skip' || key === 'experimental') {
      const names = v.trim() === 'all' ? null : listNames(v, vStart, at);
      if (key === 'skip') {
        if (names) opts.skip.push(...names);
        else opts.skipAll = true;
      } else if (names) opts.experimental.push(...names);
      else opts.experimentalAll = true;
    } else if (key === 'error') {
      const b = parseBool(v.trim());
      if (b === null) {
        opts.invalid = { message: `failed to parse check option "${part}"`, range: partRange };
        return opts;
      }
      opts.error = b;
    } else {
      opts.invalid = { message: `invalid check option "${key}"`, range: partRange };
      return opts;
    }
    offset += part.length + 1;
  }
  return opts;
}

function listNames(v: string, start: number, at: (a: number, b: number) => Range): CheckName[] {
  const out: CheckName[] = [];
  let offset = start;
  for (const piece of v.split(',')) {
    const name = piece.trim();
    const lead = piece.length - piece.trimStart().length;
    if (name) out.push({ name, range: at(offset + lead, offset + lead + name.length) });
    offset += piece.length + 1;
  }
  return out;
}

/** Go's strings.SplitN. */
function splitN(s: string, sep: string, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + 1);
  }
  out.push(rest);
  return out;
}

/** Go's strconv.ParseBool. */
function parseBool(s: string): boolean | null {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return null;
}

/** The file's `check=` directive with its options, or null. */
export function fileCheckOptions(doc: TextDoc): { directive: Directive; options: CheckOptions } | null {
  const d = topDirectives(doc).find((x) => x.name === 'check');
  return d ? { directive: d, options: checkOptions(d) } : null;
}

/**
 * The comment lines BuildKit attaches to an instruction (`Node.PrevComment`): those between the previous
 * instruction (ending on line `from - 1`) and the instruction starting on line `to`, started afresh by an
 * empty `#` line, without the file's directives. BuildKit reads a `check=` comment among them for that
 * one instruction.
 */
export function commentLinesBefore(
  doc: TextDoc,
  from: number,
  to: number,
  directiveLines: Set<number>,
): number[] {
  let lines: number[] = [];
  for (let line = from; line < to; line++) {
    const t = doc.lineText(line).trim();
    if (!t.startsWith('#') || directiveLines.has(line)) continue;
    if (t.slice(1).trim() === '') lines = [];
    else lines.push(line);
  }
  return lines;
}

/** A `check=` comment among an instruction's comments, read as `WithMergedConfigFromComments` does. */
export function instructionCheck(doc: TextDoc, lines: number[]): CheckOptions | null {
  for (const line of lines) {
    const d = readDirective(doc, line);
    if (!d || d.name !== 'check') continue;
    const opts = checkOptions(d);
    return opts.invalid ? null : opts;
  }
  return null;
}

/** BuildKit's build checks (frontend/dockerfile/linter/ruleset.go), the names `check=` accepts. */
export const BUILDKIT_CHECKS: readonly string[] = [
  'StageNameCasing', 'FromAsCasing', 'NoEmptyContinuation', 'ConsistentInstructionCasing', 'DuplicateStageName',
  'ReservedStageName', 'JSONArgsRecommended', 'MaintainerDeprecated', 'UndefinedArgInFrom', 'WorkdirRelativePath',
  'UndefinedVar', 'MultipleInstructionsDisallowed', 'LegacyKeyValueFormat', 'InvalidBaseImagePlatform',
  'RedundantTargetPlatform', 'SecretsUsedInArgOrEnv', 'InvalidDefaultArgInFrom', 'FromPlatformFlagConstDisallowed',
  'CopyIgnoredFile', 'InvalidDefinitionDescription', 'ExposeProtoCasing', 'ExposeInvalidFormat',
]; // prettier-ignore

/** The lines of the file's comments that may be `check=` directives (a cheap test before reading them). */
export function checkCommentLines(doc: TextDoc): number[] {
  return commentLinesMatching(doc, CHECK_COMMENT);
}

const CHECK_COMMENT = /^[^\S\r\n\u2028\u2029]*check[^\S\r\n\u2028\u2029]*=/i;

/** Every `check=` comment of the file: the top directive and those above instructions, with their options. */
export function checkComments(doc: TextDoc): { top: boolean; options: CheckOptions }[] {
  const out: { top: boolean; options: CheckOptions }[] = [];
  const topLine = topDirectives(doc).find((d) => d.name === 'check')?.line;
  for (const line of checkCommentLines(doc)) {
    const d = readDirective(doc, line);
    if (d?.name === 'check') out.push({ top: line === topLine, options: checkOptions(d) });
  }
  return out;
}

/** `# syntax=` or `# escape=` lines BuildKit ignores because they are not at the top of the file. */
export function misplacedDirectives(doc: TextDoc): { name: string; line: number; range: Range }[] {
  const top = new Set(topDirectives(doc).map((d) => d.line));
  const out: { name: string; line: number; range: Range }[] = [];
  for (const line of commentLinesMatching(
    doc,
    /^[^\S\r\n\u2028\u2029]*(?:syntax|escape)[^\S\r\n\u2028\u2029]*=/i,
  )) {
    if (top.has(line)) continue;
    const d = readDirective(doc, line);
    if (d && d.value !== '') out.push({ name: d.name, line, range: doc.lineRange(line) });
  }
  return out;
}

/**
 * The comment lines (`#` after blanks only) whose text after the `#` matches `re`, in order. This runs on
 * every keystroke: it jumps from one `#` to the next rather than trying an expression at every line.
 */
function commentLinesMatching(doc: TextDoc, re: RegExp): number[] {
  const text = doc.text;
  const out: number[] = [];
  for (let i = text.indexOf('#'); i >= 0;) {
    const line = doc.positionAt(i).line;
    const end = doc.lineEnd(line);
    if (BLANKS.test(text.slice(doc.lineStart(line), i)) && re.test(text.slice(i + 1, end))) out.push(line);
    i = text.indexOf('#', end);
  }
  return out;
}

const BLANKS = /^[^\S\r\n\u2028\u2029]*$/;
