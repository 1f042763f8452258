import { defineRule, type FixSpec } from '../../core/rule';
import type { TextEdit } from '../../core/text';
import {
  dependsOn,
  dockerfileOf,
  healthcheckState,
  rangeOf,
  strAt,
  type ComposeModel,
  type ComposeService,
  type NameRef,
} from '../../languages/compose';
import { addUnderEntry, ownEntry, yamlString } from '../../fixes/compose';
import { indentUnit, replaceNode } from '../../fixes/yaml';
import { isScalar, isSeq, type Node, type Scalar, type YAMLSeq } from '../../languages/yaml/model';

export default defineRule<ComposeModel>({
  id: 'compose/wait-for-healthy',
  language: 'compose',
  severity: 'warning',
  recommended: true,
  aliases: [],
  fix: 'unsafe',
  messages: {
    wait: '`{dependency}` has a healthcheck, but `{name}` only waits for it to start: use `condition: service_healthy` so it waits until `{dependency}` is ready.',
  },
  docs: {
    summary: '`depends_on` a service that has a healthcheck should wait for it to be healthy.',
    rationale:
      'The short form `depends_on: [db]` only waits until the `db` container has started, not until PostgreSQL ' +
      'accepts connections, so the dependant races it at every start and crashes or retries. When the dependency ' +
      'defines a health check (in the Compose file, or as a HEALTHCHECK in the Dockerfile it builds), ' +
      '`condition: service_healthy` makes Compose wait for it. Entries that already name a condition are a ' +
      'deliberate choice and are left alone, as are dependencies without a health check and services this file ' +
      'does not define. The fix converts the list to the long form, keeping every entry (`service_started` for ' +
      'those without a health check) and the comments; the dependant then starts later, so it says so.',
    bad:
      'services:\n  api:\n    image: nginx:1.27\n    depends_on:\n      - db\n  db:\n    image: postgres:16\n    healthcheck:\n' +
      '      test: ["CMD-SHELL", "pg_isready -U postgres"]\n',
    good:
      'services:\n  api:\n    image: nginx:1.27\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n' +
      '    image: postgres:16\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U postgres"]\n',
  },
  check(ctx) {
    const m = ctx.model;
    const healthy = (name: string): boolean => {
      const t = m.serviceByName.get(name);
      if (!t) return false;
      const state = healthcheckState(m, t);
      if (state !== 'absent') return state === 'enabled';
      const file = t.get('build') ? dockerfileOf(m, t) : null;
      const text = file ? ctx.host.read?.(file) : undefined;
      return text !== undefined && /^[ \t]*HEALTHCHECK\s+(?!NONE\b)/im.test(text);
    };
    const seen = new Set<unknown>();
    for (const s of m.services) {
      const refs = dependsOn(s);
      for (const r of refs) {
        if (seen.has(r.node)) continue;
        if (r.entry && strAt(r.entry.value, 'condition') !== undefined) continue;
        if (!healthy(r.name)) continue;
        seen.add(r.node);
        ctx.report({
          at: rangeOf(m, r.node),
          messageId: 'wait',
          data: { dependency: r.name, name: s.name },
          fix: () => convert(m, s, refs, healthy, r),
        });
      }
    }
  },
});

function convert(
  m: ComposeModel,
  s: ComposeService,
  refs: NameRef[],
  healthy: (name: string) => boolean,
  target: NameRef,
): FixSpec | undefined {
  const title = `Wait until \`${target.name}\` is healthy (changes behaviour: \`${s.name}\` starts later)`;
  const entry = ownEntry(s, 'depends_on');
  if (!entry) return undefined;
  const condition = (name: string) => (healthy(name) ? 'service_healthy' : 'service_started');
  // Long form already: add the condition to this entry.
  if (target.entry) {
    const edit = addUnderEntry(m, target.entry, [`condition: ${condition(target.name)}`]);
    return edit ? { title, edits: [edit] } : undefined;
  }
  const raw = entry.pair.value as Node | null;
  if (!isSeq(raw)) return undefined;
  if (raw.flow) {
    const body = refs.map((r) => `${yamlString(r.name)}: { condition: ${condition(r.name)} }`).join(', ');
    const edit = replaceNode(m.doc, raw, `{ ${body} }`);
    return edit ? { title, edits: [edit] } : undefined;
  }
  const edits = blockToMap(m, entry.keyNode, raw, condition);
  return edits ? { title, edits } : undefined;
}

/**
 * Rewrites `- name` items in place as `name:` with a nested `condition:` line, so comments between and
 * after items stay where they are.
 */
function blockToMap(
  m: ComposeModel,
  keyNode: Scalar,
  seq: YAMLSeq,
  condition: (name: string) => string,
): TextEdit[] | undefined {
  const doc = m.doc;
  const unit = indentUnit(doc).length;
  const keyColumn = doc.positionAt(keyNode.range?.[0] ?? 0).character;
  const edits: TextEdit[] = [];
  for (const item of seq.items as Node[]) {
    if (!isScalar(item) || item.value === null || !item.range) return undefined;
    const start = doc.positionAt(item.range[0]);
    const end = doc.positionAt(item.range[1]);
    if (start.line !== end.line) return undefined;
    const dash = doc.lineText(start.line).lastIndexOf('-', start.character);
    if (dash < 0) return undefined;
    const column = dash > keyColumn ? dash : keyColumn + unit;
    const name = String(item.value);
    edits.push({
      range: { start: { line: start.line, character: 0 }, end },
      newText: `${' '.repeat(column)}${yamlString(name)}:`,
    });
    const lineEnd = doc.positionAt(doc.lineEnd(start.line));
    edits.push({
      range: { start: lineEnd, end: lineEnd },
      newText: `${doc.eol}${' '.repeat(column + unit)}condition: ${condition(name)}`,
    });
  }
  return edits;
}
