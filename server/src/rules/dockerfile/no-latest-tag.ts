import { defineRule } from '../../core/rule';
import { globalScope, splitReference, substitute, type DockerfileModel } from '../../languages/dockerfile';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/no-latest-tag',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: ['hadolint:DL3006', 'hadolint:DL3007', 'trivy:DS001', 'checkov:CKV_DOCKER_7'],
  fix: null,
  messages: {
    untagged:
      "The base image '{image}' has no tag, so every build pulls whatever :latest points to that day: pin a version tag or a digest.",
    latest:
      "The base image '{image}' uses the moving :latest tag, so rebuilding the same Dockerfile can give a different image: pin a version tag or a digest.",
  },
  docs: {
    summary: 'Base images should be pinned to a version tag or a digest, not left untagged or on :latest.',
    rationale:
      '`:latest` (which is also what an untagged image means) is whatever the publisher pushed last: a rebuild can ' +
      'silently pick up a new major version, a different distribution or a broken release, and two machines building ' +
      'the same commit can get different images. Pin a version tag (`node:20-alpine`) or a digest. ARG defaults are ' +
      'resolved, so `FROM node:${NODE_VERSION}` with `ARG NODE_VERSION=20` is pinned. The rule stays quiet for ' +
      '`scratch`, for references to earlier stages (`FROM build`), for digests (`image@sha256:…`) and when a ' +
      'variable in the reference has no default, because the real value is only known at build time.',
    bad: 'FROM python\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]\n',
    good: 'FROM python:3.12-slim\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]\n',
  },
  check(ctx) {
    const { model } = ctx;
    const globals = globalScope(model);
    // Where each stage name first appears (a map, not a search per stage: a file may have thousands).
    const firstNamed = new Map<string, number>();
    for (const s of model.stages)
      if (s.name !== null && !firstNamed.has(s.name)) firstNamed.set(s.name, s.index);
    for (const stage of model.stages) {
      const image = stage.image;
      if (!image) continue;
      const resolved = image.raw.includes('$') ? substitute(image.raw, globals) : image.raw;
      // A variable without a known value: the reference is decided at build time.
      if (resolved === null || resolved === '' || resolved.includes('$')) continue;
      const lower = resolved.toLowerCase();
      if (lower === 'scratch') continue;
      if ((firstNamed.get(lower) ?? Infinity) < stage.index) continue;
      const ref = splitReference(resolved);
      if (ref.digest !== null) continue;
      if (ref.tag === null) ctx.report({ at: image.range, messageId: 'untagged', data: { image: resolved } });
      else if (ref.tag === 'latest')
        ctx.report({
          at: image.raw.includes('$') ? image.range : (image.tagRange ?? image.range),
          messageId: 'latest',
          data: { image: resolved },
        });
    }
  },
});
