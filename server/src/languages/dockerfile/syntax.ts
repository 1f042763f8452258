import { validate, ValidationCode } from 'dockerfile-utils';
import type { Range } from '../../core/text';

/**
 * Codes of dockerfile-utils' validator that match errors the builder itself raises. Style findings
 * (casing, empty continuation lines), checks we implement as rules (MAINTAINER, WORKDIR, repeated CMD)
 * and whole-file checks (duplicate stage names) are left out, as are flag checks that lag behind new
 * BuildKit flags such as `COPY --parents` and would report valid files.
 */
const BUILDER_ERRORS = new Set<ValidationCode>([
  ValidationCode.ARGUMENT_MISSING,
  ValidationCode.ARGUMENT_EXTRA,
  ValidationCode.ARGUMENT_REQUIRES_ONE,
  ValidationCode.ARGUMENT_REQUIRES_AT_LEAST_ONE,
  ValidationCode.ARGUMENT_REQUIRES_TWO,
  ValidationCode.ARGUMENT_REQUIRES_AT_LEAST_TWO,
  ValidationCode.ARGUMENT_REQUIRES_ONE_OR_THREE,
  ValidationCode.INVALID_BUILD_STAGE_NAME,
  ValidationCode.FLAG_INVALID_DURATION,
  ValidationCode.FLAG_MISSING_DURATION,
  ValidationCode.FLAG_UNKNOWN_UNIT,
  ValidationCode.INVALID_AS,
  ValidationCode.INVALID_DESTINATION,
  ValidationCode.INVALID_SIGNAL,
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
  ValidationCode.NO_SOURCE_IMAGE,
  ValidationCode.BASE_NAME_EMPTY,
]);

export function syntaxErrorsOf(source: string, isHead: boolean): { message: string; range: Range }[] {
  let diags;
  try {
    diags = validate(source);
  } catch {
    // The validator is a helper; a crash in it must not take the analysis down.
    return [];
  }
  const out: { message: string; range: Range }[] = [];
  for (const d of diags) {
    const code = d.code as ValidationCode | undefined;
    if (code === undefined || !BUILDER_ERRORS.has(code) || d.severity !== 1) continue;
    // A chunk other than the first starts after its FROM: "no source image" is only meaningful at the head.
    if (code === ValidationCode.NO_SOURCE_IMAGE && !isHead) continue;
    out.push({ message: typeof d.message === 'string' ? d.message : d.message.value, range: d.range });
  }
  return out;
}
