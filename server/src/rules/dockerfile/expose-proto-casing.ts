import { defineRule } from '../../core/rule';
import { replace } from '../../fixes/text';
import type { DockerfileModel } from '../../languages/dockerfile';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/expose-proto-casing',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  instructionLocal: true,
  aliases: ['buildkit:ExposeProtoCasing'],
  fix: 'safe',
  messages: {
    casing: "Defined protocol '{port}' in EXPOSE instruction should be lowercase.",
  },
  docs: {
    summary: 'Write the protocol of an EXPOSE port in lower case (`80/tcp`).',
    rationale:
      'The builder lower-cases the protocol when it records the port, so `80/TCP` and `80/tcp` are the same ' +
      'port; writing it as it is stored matches every other tool (Compose, Kubernetes) and BuildKit warns ' +
      'otherwise (`ExposeProtoCasing`). Ports written with variables are not checked. The fix lower-cases ' +
      'the protocol.',
    bad: 'FROM nginx:1.27\nEXPOSE 80/TCP\n',
    good: 'FROM nginx:1.27\nEXPOSE 80/tcp\n',
  },
  check(ctx) {
    for (const ins of ctx.model.instructions) {
      if (ins.keyword !== 'EXPOSE') continue;
      for (const word of ins.args) {
        const slash = word.value.indexOf('/');
        if (slash < 0 || word.value.includes('$') || /["'\\`]/.test(word.value)) continue;
        const proto = word.value.slice(slash + 1);
        if (proto === proto.toLowerCase()) continue;
        const at = {
          start: { line: word.range.start.line, character: word.range.start.character + slash + 1 },
          end: word.range.end,
        };
        ctx.report({
          at,
          messageId: 'casing',
          data: { port: word.value },
          fix: () => ({ title: `Write '${proto.toLowerCase()}'`, edits: [replace(at, proto.toLowerCase())] }),
        });
      }
    }
  },
});
