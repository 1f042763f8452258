import { defineRule } from '../../core/rule';
import type { Range } from '../../core/text';
import type { ComposeModel } from '../../languages/compose';
import { nodeAtPath, type Node } from '../../languages/yaml/model';
import { validateCompose } from '../../schema/compose';

export default defineRule<ComposeModel>({
  id: 'compose/schema',
  language: 'compose',
  severity: 'error',
  recommended: true,
  aliases: [],
  fix: 'unsafe',
  messages: {
    yaml: 'YAML: {message}.',
    schema: '{message}',
  },
  docs: {
    summary:
      'The file must be YAML that the Compose Specification schema accepts: known keys, values of the right type.',
    rationale:
      '`docker compose` validates every file against the Compose Specification schema before it does anything, ' +
      'and stops at the first problem with a terse path. This rule runs the same schema (vendored from ' +
      'compose-spec/compose-go, the copy Docker Compose itself uses) as you type and puts each problem on the key or value at fault: an unknown key ' +
      'gets the closest valid key as a fix, a value outside a fixed set lists the values allowed. What Compose ' +
      'accepts is never reported: `x-` extension fields, anchors, aliases and merge keys (`<<: *base`), the ' +
      '`!reset` and `!override` tags, long and short syntax, and interpolated values where Compose substitutes ' +
      'them before validating (`cpus: ${CPUS:-0.5}`, `- "${PORT}:80"`). Empty values and the obsolete `version` ' +
      'field are left alone too (the latter has its own rule). Renaming a key changes what the file does, so the ' +
      'fix is offered one at a time and says so.',
    bad: 'services:\n  web:\n    image: nginx:1.27\n    enviroment:\n      - MODE=production\n',
    good: 'services:\n  web:\n    image: nginx:1.27\n    environment:\n      - MODE=production\n',
  },
  check(ctx) {
    const m = ctx.model;
    for (const p of m.problems)
      ctx.report({
        at: p.range,
        messageId: 'yaml',
        data: { message: p.message.replace(/\.$/, '') },
        ...(p.severity === 'warning' ? { severity: 'warning' as const } : {}),
      });
    // A file YAML cannot read is not checked against the schema: its shape is not what was meant.
    if (m.problems.some((p) => p.severity === 'error')) return;
    const seen = new Set<string>();
    for (const issue of validateCompose(m)) {
      const hit = nodeAtPath(m.root, issue.path);
      const node =
        issue.at === 'key'
          ? (hit.keyNode ?? hit.node ?? hit.deepest)
          : (hit.node ?? hit.keyNode ?? hit.deepest);
      const at = rangeOfNode(m, node);
      const key = `${at.start.line}:${at.start.character}|${issue.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const suggestion = issue.suggestion;
      const keyNode = hit.keyNode;
      ctx.report({
        at,
        messageId: 'schema',
        data: { message: issue.message },
        fix:
          suggestion && keyNode?.range && issue.at === 'key'
            ? () => ({
                title: `Rename \`${String(issue.path[issue.path.length - 1])}\` to \`${suggestion}\` (changes behaviour: Compose then applies it)`,
                edits: [{ range: rangeOfNode(m, keyNode), newText: suggestion }],
              })
            : undefined,
      });
    }
  },
});

function rangeOfNode(m: ComposeModel, node: Node | null): Range {
  if (!node?.range) return m.doc.lineRange(0);
  return m.doc.rangeOf(node.range[0], node.range[1]);
}
