import { defineRule } from '../../core/rule';
import type { DockerfileModel } from '../../languages/dockerfile';

/** Docker's key format: lower-case letters, digits, `.`, `-`, `_` and `/`, from a letter to a letter or digit. */
const KEY = /^[a-z](?:[a-z0-9._/-]*[a-z0-9])?$/;
const RESERVED = /^(?:com\.docker\.|io\.docker\.|org\.dockerproject\.)/;

export default defineRule<DockerfileModel>({
  id: 'dockerfile/label-key-invalid',
  language: 'dockerfile',
  severity: 'hint',
  recommended: false,
  instructionLocal: true,
  aliases: ['hadolint:DL3048'],
  fix: null,
  messages: {
    format:
      'Label key `{key}` does not follow Docker’s format: lower-case letters, digits, `.` and `-`, starting with a letter and ending with a letter or digit, in reverse-DNS namespaces.',
    reserved: 'Label key `{key}` is in a namespace Docker reserves for its own use ({namespace}).',
  },
  docs: {
    summary: 'Label keys should follow Docker’s recommended format and stay out of its reserved namespaces.',
    rationale:
      'Docker’s object-label guidelines ask for lower-case reverse-DNS keys (`org.opencontainers.image.source`) ' +
      'and reserve com.docker.*, io.docker.* and org.dockerproject.* for Docker itself. The builder accepts any ' +
      'key, so this is a hint. Keys holding a variable are not judged.',
    bad: 'FROM alpine:3.20\nLABEL Maintainer=team@example.com\n',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors=team@example.com\n',
  },
  check(ctx) {
    for (const ins of ctx.model.instructions) {
      if (ins.keyword !== 'LABEL') continue;
      for (const p of ins.properties) {
        const key = p.name.replace(/^"|"$/g, '');
        if (key.includes('$')) continue;
        const reserved = RESERVED.exec(key);
        if (reserved)
          ctx.report({ at: p.nameRange, messageId: 'reserved', data: { key, namespace: `${reserved[0]}*` } });
        else if (!KEY.test(key) || key.includes('..') || key.includes('--'))
          ctx.report({ at: p.nameRange, messageId: 'format', data: { key } });
      }
    }
  },
});
