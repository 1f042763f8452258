import { defineRule } from '../../core/rule';
import { replace } from '../../fixes/text';
import type { DockerfileModel } from '../../languages/dockerfile';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/expose-invalid-format',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  instructionLocal: true,
  aliases: ['buildkit:ExposeInvalidFormat'],
  fix: 'safe',
  messages: {
    mapping:
      "EXPOSE '{port}' names a host address or port, which the image cannot hold: only the container port {container} is exposed. Publish ports with `docker run -p` or Compose `ports:`.",
  },
  docs: {
    summary: 'EXPOSE takes container ports only, not `host:container` mappings.',
    rationale:
      'An image cannot choose the host port or address it is published on: the builder drops the address and ' +
      'host port of `EXPOSE 8080:80` and records only `80/tcp`, which misleads the reader, and BuildKit warns ' +
      'that this will become an error (`ExposeInvalidFormat`). Ports written with variables are not checked. ' +
      'The fix keeps the container port (and protocol) only, which is exactly what the builder records.',
    bad: 'FROM nginx:1.27\nEXPOSE 8080:80\n',
    good: 'FROM nginx:1.27\nEXPOSE 80\n',
  },
  check(ctx) {
    for (const ins of ctx.model.instructions) {
      if (ins.keyword !== 'EXPOSE') continue;
      for (const word of ins.args) {
        const v = word.value;
        if (!v.includes(':') || v.includes('$') || /["'\\`]/.test(v)) continue;
        // As the builder splits it: [ip:]hostPort:containerPort[/proto], the ip itself may hold colons.
        const container = v.slice(v.lastIndexOf(':') + 1);
        if (!/^\d/.test(container)) continue;
        ctx.report({
          at: word.range,
          messageId: 'mapping',
          data: { port: v, container },
          fix: () => ({ title: `Expose only '${container}'`, edits: [replace(word.range, container)] }),
        });
      }
    }
  },
});
