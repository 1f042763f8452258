import { defineRule } from '../../core/rule';
import { imageFamily, resolveImage, type DockerfileModel } from '../../languages/dockerfile';
import { rootImage } from '../../languages/dockerfile/images';

const ROOT = /^["']?\/["']?$/;

/**
 * Whether `--from` names a whole distribution: a stage of this file, or an image, whose root image is of a
 * known family other than scratch. Tool images built FROM scratch (tonistiigi/xx, CLI plugin bundles) are
 * meant to be copied whole, and an unknown image is given the benefit of the doubt.
 */
function isDistribution(model: DockerfileModel, from: string): boolean {
  const stage = model.stages.find((s) => s.name === from.toLowerCase());
  const image = stage
    ? rootImage(stage)
    : resolveImage(from, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, new Map());
  const family = imageFamily(image);
  return family !== 'unknown' && family !== 'scratch';
}

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
      'Copy the directories you need, or build FROM that stage. Only sources known to be a distribution are ' +
      'reported: a stage of this file or an image of a known family (Debian, Ubuntu, Alpine, the official ' +
      'images). Unlike hadolint, tool images built FROM scratch (tonistiigi/xx) and unknown images are not, and ' +
      'neither is `FROM scratch` followed by such a COPY (a squash).',
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
        if (!isDistribution(ctx.model, from.value)) continue;
        const end = (ins.argsRange ?? ins.range).end;
        ctx.report({ at: { start: from.range.start, end }, messageId: 'whole', data: { from: from.value } });
      }
    }
  },
});
