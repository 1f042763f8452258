import { defineRule } from '../../core/rule';
import type { DockerfileModel } from '../../languages/dockerfile';
import { commentLinesBefore, fileCheckOptions, topDirectives } from '../../languages/dockerfile/directives';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/invalid-definition-description',
  language: 'dockerfile',
  severity: 'warning',
  recommended: false,
  aliases: ['buildkit:InvalidDefinitionDescription'],
  fix: null,
  messages: {
    format: 'Comment for {keyword} should follow the format: `# {name} <description>`.',
  },
  docs: {
    summary: 'A comment right above `FROM … AS name` or `ARG name` should start with that name.',
    rationale:
      '`docker build --call=outline` and `--call=targets` print the comment right above a named stage or an ' +
      'ARG as its description when it starts with the name (`# VERSION the release to build`). A comment ' +
      'there that does not is printed as nothing, and reads as if it described the line. BuildKit has this ' +
      'as an experimental check, off unless a file enables it with `# check=experimental=InvalidDefinitionDescription` ' +
      '(or `experimental=all`); the rule follows BuildKit and reports only in such files, since a comment such ' +
      'as `# Build stage` above `FROM … AS build` is common and harmless elsewhere. Only a comment directly above the instruction counts: a blank line or an ' +
      'empty `#` line in between separates it. No fix: rewording is the author’s call.',
    bad: '# check=experimental=InvalidDefinitionDescription\nFROM alpine:3.20\n# the version to install\nARG VERSION=1\n',
    good: '# check=experimental=InvalidDefinitionDescription\nFROM alpine:3.20\n# VERSION the version to install\nARG VERSION=1\n',
  },
  check(ctx) {
    const { doc, model } = ctx;
    const directives = new Set(topDirectives(doc).map((d) => d.line));
    const opts = fileCheckOptions(doc)?.options;
    const enabled =
      opts?.experimentalAll === true ||
      opts?.experimental.some((c) => c.name === 'InvalidDefinitionDescription');
    if (!enabled) return;
    let from = 0;
    for (const ins of model.instructions) {
      const start = from;
      from = ins.range.end.line + 1;
      const names =
        ins.keyword === 'ARG'
          ? ins.args.map((a) => a.value.split('=')[0] ?? '')
          : ins.keyword === 'FROM' && model.stages[ins.stage]?.nameRange
            ? [model.stages[ins.stage]?.name ?? '']
            : [];
      if (names.length === 0) continue;
      const lines = commentLinesBefore(doc, start, ins.range.start.line, directives);
      const last = lines[lines.length - 1];
      // Only a comment on the line right above: a blank line in between separates it.
      if (last === undefined || last !== ins.range.start.line - 1) continue;
      const text = doc.lineText(last).trim().slice(1).trim();
      if (names.includes(text.split(' ')[0] ?? '')) continue;
      ctx.report({
        at: doc.lineRange(last),
        messageId: 'format',
        data: { keyword: ins.keyword, name: names.length > 1 ? '<arg_key>' : (names[0] ?? '') },
      });
    }
  },
});
