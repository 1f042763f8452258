import { defineRule } from '../../core/rule';
import { substitute, type DockerfileModel, type VarScope } from '../../languages/dockerfile';
import { isValidReference } from '../../languages/dockerfile/reference';
import { PLATFORM_ARGS, varRefs } from '../../languages/dockerfile/variables';

/** Values the predefined platform arguments take on a linux/amd64 builder, enough to judge a reference. */
const PLATFORM_VALUES: Record<string, string> = {
  BUILDPLATFORM: 'linux/amd64', TARGETPLATFORM: 'linux/amd64', BUILDOS: 'linux', TARGETOS: 'linux',
  BUILDARCH: 'amd64', TARGETARCH: 'amd64',
}; // prettier-ignore

export default defineRule<DockerfileModel>({
  id: 'dockerfile/invalid-default-arg-in-from',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: ['buildkit:InvalidDefaultArgInFrom'],
  fix: null,
  messages: {
    invalid:
      "Default value for ARG {image} results in empty or invalid base image name '{resolved}': give the ARG a default that names an image.",
  },
  docs: {
    summary: 'With the defaults of its global ARGs, a FROM line must name a valid image.',
    rationale:
      'A FROM line built from ARGs (`FROM ${REGISTRY}/app:${TAG}`) only works when every ARG is passed with ' +
      '`--build-arg`; with the defaults it names an invalid image (`/app:`) and `docker build` without ' +
      'arguments fails. BuildKit warns (`InvalidDefaultArgInFrom`). ARGs without a default count as empty, as ' +
      'in BuildKit; the predefined platform arguments take the values they have on a linux/amd64 builder. ' +
      'No fix is offered: only the author knows the right default.',
    bad: 'ARG TAG\nFROM alpine:${TAG}\n',
    good: 'ARG TAG=3.20\nFROM alpine:${TAG}\n',
  },
  check(ctx) {
    const { doc, model } = ctx;
    const scope: VarScope = new Map();
    for (const name of PLATFORM_ARGS) scope.set(name, PLATFORM_VALUES[name] ?? '');
    for (const g of model.globalArgs)
      for (const p of g.properties)
        scope.set(p.name, p.value === null ? '' : (substitute(p.value, scope) ?? ''));
    for (const stage of model.stages) {
      const image = stage.from.args[0];
      if (!image || !image.value.includes('$')) continue;
      const refs = varRefs(
        doc,
        doc.offsetAt(image.range.start),
        doc.offsetAt(image.range.end),
        model.escapeChar,
      );
      const local = new Map(scope);
      for (const r of refs) if (!local.has(r.name)) local.set(r.name, '');
      const resolved = substitute(image.value, local);
      // What this substitution does not model (`${A#x}`, quotes inside `${A:+"x"}`) is left unjudged.
      if (resolved === null || /[$"'{}\\]/.test(resolved) || isValidReference(resolved)) continue;
      ctx.report({ at: image.range, messageId: 'invalid', data: { image: image.value, resolved } });
    }
  },
});
