import { defineRule } from '../../core/rule';
import {
  finalStage,
  resolveAt,
  stageChain,
  unquote,
  type DockerfileModel,
  type DProperty,
} from '../../languages/dockerfile';
import { labelValueProblem } from '../../languages/dockerfile/labels';

const ALIAS: Record<string, string> = {
  missing: 'hadolint:DL3049',
  superfluous: 'hadolint:DL3050',
  empty: 'hadolint:DL3051',
  url: 'hadolint:DL3052',
  rfc3339: 'hadolint:DL3053',
  spdx: 'hadolint:DL3054',
  hash: 'hadolint:DL3055',
  semver: 'hadolint:DL3056',
  email: 'hadolint:DL3058',
};

export default defineRule<DockerfileModel>({
  id: 'dockerfile/label-schema',
  language: 'dockerfile',
  severity: 'info',
  recommended: true,
  aliases: Object.values(ALIAS),
  fix: null,
  messages: {
    missing: 'The image has no `{label}` label, which the label schema in .hadolint.yaml requires.',
    superfluous: 'Label `{label}` is not in the label schema, and .hadolint.yaml sets strict-labels.',
    empty: 'Label `{label}` is empty.',
    invalid: 'Label `{label}` should be {kind}: `{value}` is not.',
  },
  docs: {
    summary: 'Labels follow the `label-schema` of `.hadolint.yaml` (silent without one).',
    rationale:
      'Teams that publish images with provenance labels describe them in `.hadolint.yaml`: `label-schema: ' +
      '{ version: semver, source: url, created: rfc3339, revision: hash, license: spdx, authors: email, title: ' +
      'text }`, and `strict-labels: true` to allow no others. The rule reports a required label the final image ' +
      'does not set (on its FROM; labels set in the stages it is built FROM count), one outside the schema when ' +
      'strict, an empty one, and values that are not what their kind says. Values are read with ARG and ENV ' +
      'substituted; a value with a variable of unknown value is not judged. Unlike hadolint, only the final ' +
      'stage must carry the required labels (builder stages are not published), and a license is checked as an ' +
      'SPDX expression (`MIT OR Apache-2.0`, `LicenseRef-x`) by its form, not against the SPDX list.',
    bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.version=latest\n',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.version=1.4.2\n',
  },
  check(ctx) {
    const schema = ctx.settings.labelSchema;
    const labels = Object.keys(schema);
    if (labels.length === 0) return;
    const { model } = ctx;
    const last = finalStage(model);
    if (!last) return;
    const seen = new Set<string>();
    for (const stage of stageChain(last))
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'LABEL') continue;
        for (const p of ins.properties) {
          const label = p.name.replace(/^"|"$/g, '');
          seen.add(label);
          const kind = schema[label];
          if (kind === undefined) {
            if (ctx.settings.strictLabels)
              ctx.report({
                at: p.nameRange,
                messageId: 'superfluous',
                data: { label },
                aliases: [ALIAS.superfluous as string],
              });
            continue;
          }
          judge(p, label, kind, resolveAt(model, ins, unquote(p.value ?? '', model.escapeChar)));
        }
      }
    function judge(p: DProperty, label: string, kind: string, value: string | null): void {
      if (value === null) return;
      const at = p.valueRange ?? p.nameRange;
      if (value.trim() === '') {
        ctx.report({ at, messageId: 'empty', data: { label }, aliases: [ALIAS.empty as string] });
        return;
      }
      const problem = labelValueProblem(kind, value);
      if (problem)
        ctx.report({
          at,
          messageId: 'invalid',
          data: { label, kind: problem, value },
          aliases: [ALIAS[kind] as string],
        });
    }
    for (const label of labels)
      if (!seen.has(label))
        ctx.report({
          at: last.from.range,
          messageId: 'missing',
          data: { label },
          aliases: [ALIAS.missing as string],
        });
  },
});
