import { defineRule } from '../../core/rule';
import { parseSuppressionComment } from '../../core/suppress';
import type { DockerfileModel } from '../../languages/dockerfile';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/inline-ignore-pragma',
  language: 'dockerfile',
  severity: 'info',
  recommended: false,
  defaultOff: true,
  aliases: ['hadolint:DL1001'],
  fix: null,
  messages: {
    inline:
      'This comment silences {what} on the next instruction: fix the finding, or set the level in the configuration where the team reviews it.',
  },
  docs: {
    summary:
      'Inline ignore comments (`# hadolint ignore=…`, `# shipshape-ignore …`) (off by default, opt in).',
    rationale:
      'An ignore comment silences a check where nobody reviewing the configuration sees it, and it stays ' +
      'after the reason for it is gone. Teams that want every exception in one reviewed place ' +
      '(`.shipshape.yaml` `rules`, `.hadolint.yaml` `ignored`) turn this rule on, as hadolint’s DL1001. ' +
      'It reports the comments that silence the next instruction: `# hadolint ignore=DL3008` and ' +
      '`# shipshape-ignore <rule>`. File-wide forms (`# hadolint global ignore=…`, `# shipshape-ignore-file`, ' +
      "BuildKit's `# check=skip=…`) are configuration written at the top of the file and are not reported. " +
      'No fix is offered: removing the comment brings its findings back.',
    bad: 'FROM debian:12\n# hadolint ignore=DL3008\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
  },
  check(ctx) {
    const { model, doc } = ctx;
    // Comment lines at the top can be read as parser directives and left out of the model's comments.
    const first = model.comments[0]?.range.start.line ?? doc.lineCount;
    const lines: number[] = [];
    for (let line = 0; line < first && /^\s*#/.test(doc.lineText(line)); line++) lines.push(line);
    for (const c of model.comments) lines.push(c.range.start.line);
    for (const line of lines) {
      const text = doc.lineText(line);
      const hash = text.indexOf('#');
      const parsed = parseSuppressionComment(text.slice(hash + 1));
      if (parsed?.kind !== 'next') continue;
      const what = parsed.ids.includes('*') ? 'every check' : parsed.ids.join(', ');
      ctx.report({
        at: doc.rangeOf(doc.lineStart(line) + hash, doc.lineStart(line) + text.trimEnd().length),
        messageId: 'inline',
        data: { what },
      });
    }
  },
});
