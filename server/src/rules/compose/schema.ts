import { defineRule, type FixSpec } from '../../core/rule';
import type { Range, TextEdit } from '../../core/text';
import type { ComposeModel } from '../../languages/compose';
import { contentEnd, isMap, isScalar, nodeAtPath, type Entry, type Node } from '../../languages/yaml/model';
import { indentUnit } from '../../fixes/yaml';
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
    v1: 'This file is in the version 1 format, with services at the top level ({names}); Compose v2 no longer reads it and rejects the file. Put them under `services:`.',
    // Last: its template matches any text.
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
      'fix is offered one at a time and says so. A version 1 file (services at the top level, no `services:`) gets ' +
      'one finding rather than one per service, with a fix that indents them under `services:`; it is marked as a ' +
      'behaviour change because docker-compose 1 ran such files with other networking (no project network).',
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
    const v1 = v1Services(m);
    if (v1.length > 0) {
      const first = v1[0] as Entry;
      ctx.report({
        at: rangeOfNode(m, first.keyNode),
        messageId: 'v1',
        data: { names: v1.map((e) => `\`${e.key}\``).join(', ') },
        fix: () => moveUnderServices(m, v1),
      });
    }
    const v1Names = new Set(v1.map((e) => e.key));
    const seen = new Set<string>();
    for (const issue of validateCompose(m)) {
      if (issue.path.length === 1 && v1Names.has(String(issue.path[0]))) continue;
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

/** Keys the top of a Compose file may hold today; anything else that holds a mapping is a v1 service. */
const TOP_KEYS = new Set([
  'version',
  'name',
  'include',
  'services',
  'networks',
  'volumes',
  'secrets',
  'configs',
  'models',
]);

/** The services of a version 1 file (no `services:`, mappings at the top level), in file order. */
function v1Services(m: ComposeModel): Entry[] {
  if (!m.root || m.top.has('services')) return [];
  return [...m.top.values()].filter(
    (e) =>
      !e.merged &&
      !TOP_KEYS.has(e.key) &&
      !e.key.startsWith('x-') &&
      isMap(e.value) &&
      e.value.items.some((p) => isScalar(p.key) && SERVICE_KEYS.has(String(p.key.value))),
  );
}

/** Keys that make a top-level mapping a v1 service rather than, say, a misspelt `servces:`. */
const SERVICE_KEYS = new Set([
  'image',
  'build',
  'command',
  'entrypoint',
  'links',
  'net',
  'ports',
  'expose',
  'environment',
  'restart',
  'volumes_from',
  'extends',
]);

/**
 * Moves v1 services under a new `services:` key by indenting their lines one step: comments, anchors and
 * line endings stay as written. Offered only when the services are written one after the other in block
 * style. Unsafe: docker-compose 1 ran such files with its own networking (no project network, names
 * resolved only through `links`), so the file then runs differently from how it ran there.
 */
function moveUnderServices(m: ComposeModel, v1: Entry[]): FixSpec | undefined {
  const root = m.root;
  if (!root || root.flow) return undefined;
  const at = root.items.indexOf(v1[0]?.pair as (typeof root.items)[number]);
  if (at < 0 || v1.some((e, k) => root.items[at + k] !== e.pair)) return undefined;
  const doc = m.doc;
  const firstLine = doc.positionAt(v1[0]?.keyNode.range?.[0] ?? 0).line;
  const last = v1[v1.length - 1] as Entry;
  const lastLine = doc.positionAt(last.value ? contentEnd(last.value) : (last.keyNode.range?.[1] ?? 0)).line;
  const unit = indentUnit(doc);
  const edits: TextEdit[] = [];
  for (let line = firstLine; line <= lastLine; line++) {
    if (doc.lineText(line).trim() === '') continue;
    const start = doc.positionAt(doc.lineStart(line));
    const prefix = line === firstLine ? `services:${doc.eol}${unit}` : unit;
    edits.push({ range: { start, end: start }, newText: prefix });
  }
  return { title: 'Move the services under `services:` (changes behaviour: Compose v2 networking)', edits };
}

function rangeOfNode(m: ComposeModel, node: Node | null): Range {
  if (!node?.range) return m.doc.lineRange(0);
  return m.doc.rangeOf(node.range[0], node.range[1]);
}
