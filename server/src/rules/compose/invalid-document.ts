import { defineRule } from '../../core/rule';
import { projectSiblings, type ComposeModel } from '../../languages/compose';
import { isMap, isPair, isScalar, isSeq, type Node, type Scalar } from '../../languages/yaml/model';

export default defineRule<ComposeModel>({
  id: 'compose/invalid-document',
  language: 'compose',
  severity: 'error',
  recommended: true,
  aliases: [],
  fix: null,
  messages: {
    empty: 'The file is empty: `docker compose` stops with "empty compose file".',
    mergeTwice:
      'A second `<<` key in one mapping (the first is on line {line}): `docker compose` stops with "mapping key \\"<<\\" already defined". Merge several anchors with one key: `<<: [*a, *b]`.',
  },
  docs: {
    summary: 'A Compose file holds something, and a mapping has at most one `<<` merge key.',
    rationale:
      'compose-go stops with "empty compose file" when the files it reads hold nothing (loader/loader.go, ' +
      '`load`): a file of comments only, or `{}`. Override files, and main files merged with an override file ' +
      'or a `COMPOSE_FILE` list that adds something, are fine. Its YAML decoder (go-yaml, unique keys) also ' +
      'refuses a mapping with two `<<` keys, which JavaScript YAML libraries merge without a word: write one ' +
      '`<<: [*a, *b]` instead.',
    bad: 'x-a: &a\n  restart: always\nx-b: &b\n  init: true\nservices:\n  web:\n    image: nginx:1.27\n    <<: *a\n    <<: *b\n',
    good: 'x-a: &a\n  restart: always\nx-b: &b\n  init: true\nservices:\n  web:\n    image: nginx:1.27\n    <<: [*a, *b]\n',
  },
  check(ctx) {
    const m = ctx.model;
    if (m.root === null || (isMap(m.root) && m.root.items.length === 0)) {
      if (m.partial || m.problems.length > 0 || !isBlank(m.doc.text, m.root !== null)) return;
      const project = projectSiblings(m, ctx.host);
      if (project.unknown || project.files.length > 0) return;
      ctx.report({ at: m.doc.rangeOf(0, 0), messageId: 'empty' });
      return;
    }
    // Two merge keys in one mapping are rare; the tree is walked only when two `<<` lines share an
    // indentation with no shallower line between them.
    if (!mayRepeatMergeKey(m.doc.text)) return;
    walk(m.root, (second, firstKey) =>
      ctx.report({
        at: m.doc.rangeOf(second.range?.[0] ?? 0, second.range?.[1] ?? 0),
        messageId: 'mergeTwice',
        data: { line: m.doc.positionAt(firstKey.range?.[0] ?? 0).line + 1 },
      }),
    );
  },
});

function mayRepeatMergeKey(text: string): boolean {
  if (text.indexOf('<<') === text.lastIndexOf('<<')) return false;
  const open: number[] = [];
  for (const line of text.split('\n')) {
    const indent = line.search(/\S/);
    if (indent < 0 || line[indent] === '#') continue;
    // A shallower line closes the mappings below it.
    while (open.length > 0 && (open[open.length - 1] as number) > indent) open.pop();
    if (line.startsWith('<<', indent) || line.startsWith('- <<', indent)) {
      const at = line.startsWith('- ', indent) ? indent + 2 : indent;
      if (open.includes(at)) return true;
      open.push(at);
    }
  }
  return false;
}

/** Only comments, blank lines and document markers (or `{}` when the file parsed to an empty mapping). */
function isBlank(text: string, emptyMap: boolean): boolean {
  const body = text.replace(/#[^\n]*/g, '').replace(/^(---|\.\.\.)[ \t]*$/gm, '');
  return emptyMap ? /^\s*\{\s*\}\s*$/.test(body) : body.trim() === '';
}

/** Reports each mapping's second and later `<<` keys, written ones only (aliases are not followed). */
function walk(
  node: Node | null | undefined,
  report: (second: Scalar, first: Scalar) => void,
  depth = 0,
): void {
  if (!node || depth > 64) return;
  if (isMap(node)) {
    let first: Scalar | null = null;
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      if (isScalar(key) && (key.value === '<<' || typeof key.value === 'symbol') && !isQuoted(key)) {
        if (first) report(key, first);
        else first = key;
      }
      walk(pair.value as Node | null, report, depth + 1);
    }
  } else if (isSeq(node))
    for (const item of node.items) walk(isPair(item) ? null : (item as Node), report, depth + 1);
}

function isQuoted(key: Scalar): boolean {
  return key.type === 'QUOTE_DOUBLE' || key.type === 'QUOTE_SINGLE';
}
