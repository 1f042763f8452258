import { defineRule } from '../../core/rule';
import { insertLinesBefore, replace } from '../../fixes/text';
import { imageFamily, scopeAt, stageChain, type DockerfileModel } from '../../languages/dockerfile';
import { didYouMean, expandedText, PLATFORM_ARGS, varRefs } from '../../languages/dockerfile/variables';

/** The instructions whose words BuildKit expands with the stage's variables (SupportsSingleWordExpansion). */
const EXPANDED = new Set(['ENV', 'LABEL', 'ADD', 'COPY', 'WORKDIR', 'USER', 'VOLUME', 'STOPSIGNAL']);

export default defineRule<DockerfileModel>({
  id: 'dockerfile/undefined-var',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: ['buildkit:UndefinedVar'],
  fix: 'unsafe',
  messages: {
    suggest: "Usage of undefined variable '${name}' (did you mean ${suggest}?).",
    platform:
      "Usage of undefined variable '${name}': predefined build arguments are visible in a stage only after `ARG {name}` in it.",
    scratch:
      "Usage of undefined variable '${name}': nothing declares it in this stage or the stages it is built on.",
  },
  docs: {
    summary: 'Variables used in ENV, COPY, WORKDIR and the like must be declared before their use.',
    rationale:
      'An undeclared variable expands to an empty string: `WORKDIR /src/$APP_NAM` works in `/src/`, and ' +
      '`COPY --from=build /out/$TARGETARCH/app .` copies the wrong path because predefined platform arguments ' +
      'are visible in a stage only after `ARG TARGETARCH` in that stage. BuildKit warns (`UndefinedVar`). ' +
      'The base image may define environment variables this file cannot see, so the rule reports only what ' +
      'it can know: a name one or two edits away from a declared one (the fix renames it), a predefined ' +
      'platform argument not declared in the stage (the fix declares it), and any undeclared name in a stage ' +
      'built from scratch. RUN bodies are left to the shell. Both fixes change a value, so they are unsafe.',
    bad: 'FROM alpine:3.20\nARG APP_NAME=web\nWORKDIR /srv/$APP_NAM\n',
    good: 'FROM alpine:3.20\nARG APP_NAME=web\nWORKDIR /srv/$APP_NAME\n',
  },
  check(ctx) {
    const { doc, model } = ctx;
    for (const stage of model.stages) {
      const chain = stageChain(stage);
      const fromScratch = imageFamily(chain[chain.length - 1]?.image ?? null) === 'scratch';
      for (const ins of stage.instructions) {
        if (!EXPANDED.has(ins.keyword)) continue;
        const span = expandedText(doc, ins);
        if (!span) continue;
        const refs = varRefs(doc, span.start, span.end, model.escapeChar);
        if (refs.length === 0) continue;
        const scope = scopeAt(model, ins);
        for (const ref of refs) {
          const { name } = ref;
          // PATH is always set (BuildKit gives every stage a default one).
          if (scope.has(name) || name === 'PATH') continue;
          const suggest = didYouMean(name, scope.keys());
          if (suggest)
            ctx.report({
              at: ref.range,
              messageId: 'suggest',
              data: { name, suggest },
              fix: () => ({
                title: `Use ${suggest} (changes the value)`,
                edits: [replace(ref.range, suggest)],
              }),
            });
          else if (PLATFORM_ARGS.includes(name))
            ctx.report({
              at: ref.range,
              messageId: 'platform',
              data: { name },
              fix: () => ({
                title: `Declare ARG ${name} in this stage (changes the value)`,
                edits: [insertLinesBefore(doc, ins.range.start.line, [`ARG ${name}`])],
              }),
            });
          else if (fromScratch) ctx.report({ at: ref.range, messageId: 'scratch', data: { name } });
        }
      }
    }
  },
});
