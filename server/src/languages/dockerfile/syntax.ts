import { validate, ValidationCode } from 'dockerfile-utils';
import type { Range } from '../../core/text';

/**
 * Codes of dockerfile-utils' validator that match errors BuildKit itself raises (frontend/dockerfile/
 * instructions/parse.go and parser/). Style findings (casing, empty continuation lines), checks we
 * implement as rules (MAINTAINER, WORKDIR, repeated CMD) and flag checks that lag behind new BuildKit
 * flags such as `COPY --parents` are left out. So are checks that need the whole file, because the
 * validator only sees one chunk: the first FROM, variables in base names and stage names are checked on
 * the model instead (`builder.ts`). INVALID_DESTINATION (several sources into a path without a trailing
 * slash) is the legacy builder's error; BuildKit builds such a file.
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
export function syntaxErrorsOf(source: string, lines: [number, number][], keep: number): SyntaxError[] {
  const whole = run(source);
  if (whole) return whole;
  const all = source.split('\n');
  const head = all.slice(0, keep).join('\n');
  const out: SyntaxError[] = [];
  for (const [first, last] of lines) {
    if (first < keep) continue;
    // Blank lines stand in for the others: positions stay those of the chunk, nothing else is validated.
    const one = head + '\n'.repeat(first - keep + (keep > 0 ? 1 : 0)) + all.slice(first, last + 1).join('\n');
    out.push(...(run(one) ?? []));
  }
  return out;
}

function run(source: string): SyntaxError[] | null {
  let diags;
  try {
    diags = validate(source);
  } catch {
    return null;
  }
  const out: SyntaxError[] = [];
  for (const d of diags) {
    const code = d.code as ValidationCode | undefined;
    if (code === undefined || !BUILDER_ERRORS.has(code) || d.severity !== 1) continue;
    out.push({ message: typeof d.message === 'string' ? d.message : d.message.value, range: d.range });
  }
  return out;
}
