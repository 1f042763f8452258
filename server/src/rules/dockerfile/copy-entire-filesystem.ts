import { defineRule } from '../../core/rule';
import type { DockerfileModel } from '../../languages/dockerfile';

const ROOT = /^["']?\/["']?$/;

export default defineRule<DockerfileModel>({
  id: 'dockerfile/copy-entire-filesystem',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: ['hadolint:DL3067'],
  fix: null,
  messages: {
    whole:
      '`COPY --from={from} / /` copies the whole file system of another image over this one, package database and all.',
  },
  docs: {
    summary: 'COPY --from should not copy a whole file system (`/`) onto `/`.',
    rationale:
      'Copying `/` of another stage or image onto `/` overwrites this image’s /etc, package database and ' +
      'libraries with another distribution’s, which breaks package managers and hides what the image holds. ' +
      'Copy the directories you need, or build FROM that stage. `FROM scratch` followed by one such COPY (a ' +
      'squash) is the exception and is not reported.',
    bad: 'FROM alpine:3.20 AS tools\nRUN apk add --no-cache curl\nFROM debian:12-slim\nCOPY --from=tools / /\n',
    good: 'FROM alpine:3.20 AS tools\nRUN apk add --no-cache curl\nFROM debian:12-slim\nCOPY --from=tools /usr/bin/curl /usr/local/bin/curl\n',
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      // `FROM scratch` then `COPY --from=x / /` flattens an image into one layer on purpose.
      const squash = stage.image?.name === 'scratch';
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'COPY' || squash) continue;
        const from = ins.flags.find((f) => f.name.toLowerCase() === 'from');
        const words = (ins.json ?? ins.args).map((t) => t.value);
        if (!from?.value || words.length < 2) continue;
        const dest = words[words.length - 1] as string;
        if (!ROOT.test(dest) || !words.slice(0, -1).some((w) => ROOT.test(w))) continue;
        const end = (ins.argsRange ?? ins.range).end;
        ctx.report({ at: { start: from.range.start, end }, messageId: 'whole', data: { from: from.value } });
      }
    }
  },
});
