import { defineRule } from '../../core/rule';
import { replace } from '../../fixes/text';
import type { DInstruction, DockerfileModel } from '../../languages/dockerfile';

const AUTHORS = 'org.opencontainers.image.authors';

/** The author text as the builder reads it: the rest of the instruction, with one pair of outer quotes dropped. */
function authorOf(ins: DInstruction, text: string): string {
  const raw =
    ins.argsRange && ins.argsRange.start.line === ins.argsRange.end.line
      ? text.trim()
      : ins.args.map((a) => a.value).join(' ');
  const m = /^(["'])(.*)\1$/s.exec(raw);
  return m && !(m[2] as string).includes(m[1] as string) ? (m[2] as string) : raw;
}

/**
 * A double-quoted LABEL value. Inside double quotes the builder treats the escape character before `"`, `$`
 * or itself as an escape, and LABEL expands `$VAR` (MAINTAINER does not), so all three are escaped.
 */
function quoted(value: string, esc: string): string {
  let out = '';
  for (const c of value) out += c === '"' || c === '$' || c === esc ? esc + c : c;
  return `"${out}"`;
}

function labelHasAuthors(ins: DInstruction, esc: string): boolean {
  return ins.properties.some((p) => p.name.replace(/^(["'])(.*)\1$/, '$2').replaceAll(esc, '') === AUTHORS);
}

export default defineRule<DockerfileModel>({
  id: 'dockerfile/maintainer-deprecated',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: ['hadolint:DL4000', 'buildkit:MaintainerDeprecated', 'trivy:DS022', 'checkov:CKV_DOCKER_6'],
  fix: 'safe',
  messages: {
    deprecated:
      'MAINTAINER is deprecated and only fills a legacy image field: record the author in the org.opencontainers.image.authors label.',
  },
  docs: {
    summary:
      'Use the `org.opencontainers.image.authors` label instead of the deprecated MAINTAINER instruction.',
    rationale:
      'MAINTAINER has been deprecated since Docker 1.13; it writes the legacy `Author` field that most tools no longer ' +
      'show. The OCI label `org.opencontainers.image.authors` is the standard place for the same information and is ' +
      'read by registries and scanners. The fix rewrites the instruction as that label, quoting the value (and ' +
      'escaping quotes and `$`, which LABEL would otherwise expand). No fix is offered when the stage already sets ' +
      'the label, since the two values would have to be merged by hand.',
    bad: 'FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\nCMD ["sh"]\n',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\nCMD ["sh"]\n',
  },
  check(ctx) {
    const { model, doc } = ctx;
    const esc = model.escapeChar;
    for (const ins of model.instructions) {
      if (ins.keyword !== 'MAINTAINER') continue;
      const author = ins.argsRange ? authorOf(ins, doc.getText(ins.argsRange)) : '';
      const stage = model.stages[ins.stage];
      const hasLabel =
        stage?.instructions.some((i) => i.keyword === 'LABEL' && labelHasAuthors(i, esc)) ?? false;
      const written = doc.getText(ins.keywordRange);
      const label = written === written.toLowerCase() ? 'label' : 'LABEL';
      ctx.report({
        at: ins.keywordRange,
        messageId: 'deprecated',
        fix:
          author && !hasLabel
            ? () => ({
                title: `Replace MAINTAINER with LABEL ${AUTHORS}`,
                edits: [replace(ins.range, `${label} ${AUTHORS}=${quoted(author, esc)}`)],
              })
            : undefined,
      });
    }
  },
});
