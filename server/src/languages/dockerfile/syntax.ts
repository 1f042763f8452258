import { pushAll } from '../../core/arrays';
import { validate, ValidationCode } from 'dockerfile-utils';
import type { Range } from '../../core/text';

/**
 * Codes of dockerfile-utils' validator that match errors BuildKit itself raises (frontend/dockerfile/
 * instructions/parse.go and parser/). Style findings (casing, empty continuation lines), checks we
 * implement as rules (MAINTAINER, WORKDIR, repeated CMD) and flag checks that lag behind new BuildKit
 * flags such as `COPY --parents` are left out. So are checks that need the whole file, because the
 * validator only sees one chunk: the first FROM, variables in base names and stage names are checked on
 * the model instead (`builder.ts`), as is STOPSIGNAL, whose check here rejects `TERM` and `sigterm` that
 * BuildKit's ParseSignal accepts. INVALID_DESTINATION (several sources into a path without a trailing
 * slash) is the legacy builder's error; BuildKit builds such a file. Some kept codes are wider than
 * BuildKit and are narrowed in `accepted()` below.
 */
const BUILDER_ERRORS = new Set<ValidationCode>([
  ValidationCode.ARGUMENT_MISSING,
  ValidationCode.ARGUMENT_EXTRA,
  ValidationCode.ARGUMENT_REQUIRES_ONE,
  ValidationCode.ARGUMENT_REQUIRES_AT_LEAST_ONE,
  ValidationCode.ARGUMENT_REQUIRES_TWO,
  ValidationCode.ARGUMENT_REQUIRES_AT_LEAST_TWO,
  ValidationCode.ARGUMENT_REQUIRES_ONE_OR_THREE,
  ValidationCode.FLAG_INVALID_DURATION,
  ValidationCode.FLAG_MISSING_DURATION,
  ValidationCode.FLAG_UNKNOWN_UNIT,
  ValidationCode.INVALID_AS,
  ValidationCode.INVALID_SYNTAX,
  ValidationCode.ONBUILD_CHAINING_DISALLOWED,
  ValidationCode.ONBUILD_TRIGGER_DISALLOWED,
  ValidationCode.SHELL_JSON_FORM,
  ValidationCode.SHELL_REQUIRES_ONE,
  ValidationCode.SYNTAX_MISSING_EQUALS,
  ValidationCode.SYNTAX_MISSING_NAMES,
  ValidationCode.SYNTAX_MISSING_SINGLE_QUOTE,
  ValidationCode.SYNTAX_MISSING_DOUBLE_QUOTE,
  ValidationCode.UNKNOWN_INSTRUCTION,
  ValidationCode.HEALTHCHECK_CMD_ARGUMENT_MISSING,
  // The same five flags as BuildKit's parseHealthcheck, checked only when the type is not NONE, as there.
  ValidationCode.UNKNOWN_HEALTHCHECK_FLAG,
]);

export interface SyntaxError {
  message: string;
  range: Range;
}

/**
 * Builder errors of one chunk. `lines` are the first and last line of each instruction, so that when the
 * validator throws on one instruction (it calls into dockerfile-ast, which has crashed on odd heredocs)
 * the others are validated one by one and only the bad one loses its errors. `keep` is the number of
 * leading lines that are a prefix of ours and must survive (the escape directive).
 */
export function syntaxErrorsOf(
  source: string,
  lines: [number, number][],
  keep: number,
  escape: string,
): SyntaxError[] {
  const whole = run(source, escape);
  if (whole) return whole;
  const all = source.split('\n');
  const head = all.slice(0, keep).join('\n');
  const out: SyntaxError[] = [];
  for (const [first, last] of lines) {
    if (first < keep) continue;
    // Blank lines stand in for the others: positions stay those of the chunk, nothing else is validated.
    const one = head + '\n'.repeat(first - keep + (keep > 0 ? 1 : 0)) + all.slice(first, last + 1).join('\n');
    pushAll(out, run(one, escape) ?? []);
  }
  return out;
}

function run(source: string, escape: string): SyntaxError[] | null {
  let diags;
  try {
    diags = validate(source);
  } catch {
    return null;
  }
  const out: SyntaxError[] = [];
  let lines: string[] | undefined;
  for (const d of diags) {
    const code = d.code as ValidationCode | undefined;
    if (code === undefined || !BUILDER_ERRORS.has(code) || d.severity !== 1) continue;
    lines ??= source.split('\n');
    if (accepted(code, d.range, lines, escape)) continue;
    let message = typeof d.message === 'string' ? d.message : d.message.value;
    // The validator says "ENV must have two arguments" for LABEL too; BuildKit names the instruction.
    if (code === ValidationCode.ARGUMENT_REQUIRES_TWO)
      message = message.replace(/^ENV\b/, keywordAt(lines, d.range));
    out.push({ message, range: d.range });
  }
  return out;
}

/** The keyword of the instruction a range is in: the first word of the nearest line above that has one. */
function keywordAt(lines: string[], range: Range): string {
  for (let l = range.start.line; l >= 0; l--) {
    const m = /^\s*(?:ONBUILD\s+)?(ENV|LABEL)\s/i.exec(lines[l] ?? '');
    if (m) return (m[1] as string).toUpperCase();
  }
  return 'ENV';
}

const DURATION = new Set([
  ValidationCode.FLAG_INVALID_DURATION,
  ValidationCode.FLAG_MISSING_DURATION,
  ValidationCode.FLAG_UNKNOWN_UNIT,
]);

/** Go's time.ParseDuration syntax, which BuildKit uses for HEALTHCHECK flags: `0`, `+5s`, `1h30m`, `.5s`. */
const GO_DURATION = /^[+-]?(?:0|(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/;

/** A diagnostic the validator raises on input BuildKit builds. */
function accepted(code: ValidationCode, range: Range, lines: string[], escape: string): boolean {
  const line = lines[range.start.line] ?? '';
  if (code === ValidationCode.ARGUMENT_MISSING) {
    // `ENTRYPOINT` and `CMD` alone are accepted (parseEntrypoint treats no arguments as none).
    const keyword = line.slice(range.start.character, range.end.character).toUpperCase();
    return keyword === 'ENTRYPOINT' || keyword === 'CMD';
  }
  if (DURATION.has(code)) {
    // The whole flag value around the reported characters.
    const from = line.lastIndexOf('=', range.start.character) + 1;
    const rest = line.slice(from).search(/\s/);
    return GO_DURATION.test(line.slice(from, rest < 0 ? line.length : from + rest));
  }
  if (
    code === ValidationCode.SYNTAX_MISSING_SINGLE_QUOTE ||
    code === ValidationCode.SYNTAX_MISSING_DOUBLE_QUOTE
  ) {
    // The validator wants the quote at the end of the word; BuildKit's lexer takes `'x'y` as `xy`.
    if (range.start.line !== range.end.line) return false;
    return !unterminated(line.slice(range.start.character, range.end.character), escape);
  }
  return false;
}

/** Whether a word ends inside a quote, read as BuildKit's shell lexer reads it. */
function unterminated(word: string, escape: string): boolean {
  let quote = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    if (quote === "'") {
      if (c === "'") quote = '';
    } else if (c === escape) i++;
    else if (quote === '"') {
      if (c === '"') quote = '';
    } else if (c === "'" || c === '"') quote = c;
  }
  return quote !== '';
}
