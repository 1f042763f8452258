import { defineRule } from '../../core/rule';
import type { DockerfileModel } from '../../languages/dockerfile';

/** The hadolint checks that catch some of these errors: ONBUILD triggers (DL3043), no FROM first (DL3061). */
function aliasesOf(message: string): string[] {
  if (/ONBUILD/.test(message)) return ['hadolint:DL3043'];
  if (message.startsWith('No source image provided')) return ['hadolint:DL3061'];
  return [];
}

export default defineRule<DockerfileModel>({
  id: 'dockerfile/syntax-error',
  language: 'dockerfile',
  severity: 'error',
  recommended: true,
  aliases: ['hadolint:DL3043', 'hadolint:DL3061'],
  fix: null,
  messages: { syntax: '{message}' },
  docs: {
    summary: 'Errors the builder itself would raise: unknown instructions, missing arguments, bad flags.',
    rationale:
      '`docker build` stops at these lines. Only errors BuildKit raises are reported here (checked with ' +
      "dockerfile-utils' validator); style matters such as keyword casing are left to other rules or not reported.",
    bad: 'FROM alpine:3.20\nRUN\nCOPPY . /app\n',
    good: 'FROM alpine:3.20\nRUN echo ready\nCOPY . /app\n',
  },
  check(ctx) {
    for (const e of ctx.model.syntaxErrors)
      ctx.report({
        at: e.range,
        messageId: 'syntax',
        data: { message: e.message },
        aliases: aliasesOf(e.message),
      });
  },
});
