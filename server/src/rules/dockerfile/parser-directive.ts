import { defineRule } from '../../core/rule';
import { replace } from '../../fixes/text';
import type { DockerfileModel } from '../../languages/dockerfile';
import { BUILDKIT_CHECKS, checkComments, misplacedDirectives } from '../../languages/dockerfile/directives';
import { didYouMean } from '../../languages/dockerfile/variables';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/parser-directive',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: [],
  fix: 'safe',
  messages: {
    invalid: 'BuildKit cannot read this check directive ({reason}), so the build fails.',
    unknown: "'{name}' is not a BuildKit check, so this directive skips nothing.",
    suggest: "'{name}' is not a BuildKit check (did you mean {suggest}?), so this directive skips nothing.",
    misplaced:
      'The {name} directive is ignored: parser directives are read only at the top of the file, before any instruction, blank line or other comment.',
  },
  docs: {
    summary:
      'Parser directives (`# syntax=`, `# escape=`, `# check=`) must be readable and where BuildKit reads them.',
    rationale:
      'BuildKit reads parser directives only from the first lines of the file: the first line that is not ' +
      'one (an instruction, a blank line, any other comment) ends them, and a `# syntax=` or `# escape=` ' +
      'below it is an ordinary comment. A `# check=` directive BuildKit cannot parse fails the build (an ' +
      'error); one naming a check that does not exist skips nothing (a warning, with a fix when the name is ' +
      'one or two edits from a real check). A `# check=` comment right above an instruction is valid and ' +
      'applies to that instruction only.',
    bad: '# check=skip=JSONArgsRecomended\nFROM alpine:3.20\nCMD echo hi\n',
    good: '# check=skip=JSONArgsRecommended\nFROM alpine:3.20\nCMD echo hi\n',
  },
  check(ctx) {
    const { doc } = ctx;
    for (const { top, options } of checkComments(doc)) {
      if (options.invalid) {
        // Above an instruction BuildKit ignores a check comment it cannot read; at the top it fails.
        if (top)
          ctx.report({
            at: options.invalid.range,
            messageId: 'invalid',
            severity: 'error',
            data: { reason: options.invalid.message },
          });
        continue;
      }
      for (const c of [...options.skip, ...options.experimental]) {
        if (BUILDKIT_CHECKS.includes(c.name)) continue;
        const suggest = didYouMean(c.name, BUILDKIT_CHECKS);
        ctx.report({
          at: c.range,
          messageId: suggest ? 'suggest' : 'unknown',
          data: { name: c.name, suggest: suggest ?? '' },
          fix: suggest
            ? () => ({ title: `Write ${suggest}`, edits: [replace(c.range, suggest)] })
            : undefined,
        });
      }
    }
    for (const d of misplacedDirectives(doc))
      ctx.report({ at: d.range, messageId: 'misplaced', data: { name: d.name } });
  },
});
