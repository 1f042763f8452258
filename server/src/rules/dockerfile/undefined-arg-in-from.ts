import { defineRule } from '../../core/rule';
import { replace } from '../../fixes/text';
import type { DockerfileModel } from '../../languages/dockerfile';
import { didYouMean, PLATFORM_ARGS, varRefs, type VarRef } from '../../languages/dockerfile/variables';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/undefined-arg-in-from',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: ['buildkit:UndefinedArgInFrom'],
  fix: 'unsafe',
  messages: {
    undefined: "FROM argument '{name}' is not declared: declare it with an ARG before the first FROM.",
    suggest: "FROM argument '{name}' is not declared (did you mean {suggest}?).",
  },
  docs: {
    summary: 'A variable used in FROM must be declared by an ARG before the first FROM.',
    rationale:
      'FROM lines see only the ARGs declared before the first FROM (and the predefined platform arguments ' +
      'such as `BUILDPLATFORM`). Any other variable expands to an empty string, so `FROM node:${NODE_VERSON}` ' +
      'quietly builds `node:` — an error — or, with a default after it, the wrong image. BuildKit warns ' +
      '(`UndefinedArgInFrom`); as BuildKit does, an ARG declared anywhere in the file counts as declared. ' +
      'When a declared argument is one or two edits away, the fix renames the reference to it, which changes ' +
      'the image the stage is built from (so it is marked unsafe).',
    bad: 'ARG NODE_VERSION=20\nFROM node:${NODE_VERSON}-alpine\nUSER node\n',
    good: 'ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}-alpine\nUSER node\n',
  },
  check(ctx) {
    const { doc, model } = ctx;
    const known = new Set<string>(PLATFORM_ARGS);
    for (const ins of model.instructions)
      if (ins.keyword === 'ARG') {
        for (const p of ins.properties) known.add(p.name);
        for (const a of ins.args) known.add(a.value.split('=')[0] ?? '');
      }
    for (const stage of model.stages) {
      const refs: VarRef[] = [];
      const image = stage.from.args[0];
      if (image)
        refs.push(
          ...varRefs(doc, doc.offsetAt(image.range.start), doc.offsetAt(image.range.end), model.escapeChar),
        );
      const platform = stage.from.flags.find((f) => f.name === 'platform')?.valueRange;
      if (platform)
        refs.push(
          ...varRefs(doc, doc.offsetAt(platform.start), doc.offsetAt(platform.end), model.escapeChar),
        );
      for (const ref of refs) {
        if (known.has(ref.name)) continue;
        const suggest = didYouMean(ref.name, known);
        ctx.report({
          at: ref.range,
          messageId: suggest ? 'suggest' : 'undefined',
          data: { name: ref.name, suggest: suggest ?? '' },
          fix: suggest
            ? () => ({ title: `Use ${suggest} (changes the image)`, edits: [replace(ref.range, suggest)] })
            : undefined,
        });
      }
    }
  },
});
