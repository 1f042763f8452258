import { defineRule } from '../../core/rule';
import type { DockerfileModel } from '../../languages/dockerfile';
import { substitute, unquote } from '../../languages/dockerfile/image';
import { knownImagePlatform, parsePlatform } from '../../languages/dockerfile/platforms';
import { globalScope } from '../../languages/dockerfile/query';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/invalid-base-image-platform',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: ['buildkit:InvalidBaseImagePlatform'],
  fix: null,
  messages: {
    mismatch: 'Base image {image} is built for "{actual}" only, but the stage asks for "{expected}".',
  },
  docs: {
    summary: "A stage's `--platform` must not contradict the one platform its base image is built for.",
    rationale:
      'BuildKit warns (`InvalidBaseImagePlatform`) when the base image it pulled is for another OS or ' +
      'architecture than the stage asked for; when the image has no build for that platform at all, the build ' +
      'fails. Rules never ask a registry, so this one judges only images whose name says their platform: ' +
      "docker-library's per-architecture namespaces (`arm64v8/alpine` is linux/arm64, `i386/debian` linux/386, " +
      "`winamd64/…` windows/amd64) and Microsoft's Windows base images (`mcr.microsoft.com/windows/servercore`, " +
      '`nanoserver`, `server`, `windows`). It compares OS and architecture, not variants, as BuildKit does. ' +
      'It stays quiet without `--platform` (the target platform is chosen when building), when the value ' +
      'uses `$BUILDPLATFORM`, `$TARGETPLATFORM` or another variable without a default, and for stages built ' +
      'FROM another stage. Unlike BuildKit it also judges stages the default target does not build. No fix ' +
      'is offered: either the flag or the image is wrong, and only the author knows which (the multi-arch ' +
      'image, `alpine` for `arm64v8/alpine`, serves every platform it is built for).',
    bad: 'FROM --platform=linux/amd64 arm64v8/alpine:3.20\nRUN uname -m\n',
    good: 'FROM alpine:3.20\nRUN uname -m\n',
  },
  check(ctx) {
    const { model } = ctx;
    for (const stage of model.stages) {
      if (stage.parent || !stage.image) continue;
      const flag = stage.from.flags.find((f) => f.name === 'platform');
      if (!flag?.value) continue;
      const known = knownImagePlatform(stage.image);
      if (!known) continue;
      // Substituted as BuildKit does, with the global ARGs: `$BUILDPLATFORM`, `$TARGETPLATFORM` and ARGs
      // without a default are the build's to decide, and unknown here.
      const value = flag.value.includes('$') ? substitute(flag.value, globalScope(model)) : flag.value;
      if (value === null) continue;
      const expected = unquote(value, model.escapeChar);
      const want = parsePlatform(expected);
      const have = parsePlatform(known);
      if (!want || !have) continue;
      const differs = (a: string | null, b: string | null): boolean => a !== null && b !== null && a !== b;
      if (!differs(want.os, have.os) && !differs(want.arch, have.arch)) continue;
      ctx.report({
        at: stage.image.range,
        messageId: 'mismatch',
        data: { image: stage.image.resolved ?? stage.image.raw, actual: known, expected },
      });
    }
  },
});
