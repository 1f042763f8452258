import type { Host } from '../core/rule';
import type { TextEdit } from '../core/text';
import { declaresHealthcheck, dependsOn, dockerfileOf, healthcheckState, strAt } from '../languages/compose';
import type { ComposeModel, ComposeService } from '../languages/compose/model';
import type { NameRef } from '../languages/compose/query';
import { isScalar, isSeq, type Node, type Scalar, type YAMLSeq } from '../languages/yaml/model';
import { addUnderEntry, ownEntry, yamlString } from './compose';
import { indentUnit, replaceNode } from './yaml';

/**
 * `depends_on` edits shared by `compose/wait-for-healthy` (its own fix) and `compose/missing-healthcheck`
 * (a new health check makes the services that depend on it wait for it, or wait-for-healthy fires on them).
 */

export type Condition = 'service_healthy' | 'service_started';

/** Whether a service has a health check Compose can wait on: in the file, or in the Dockerfile it builds. */
export function hasHealthcheck(m: ComposeModel, host: Host, name: string): boolean {
  const t = m.serviceByName.get(name);
  if (!t) return false;
  const state = healthcheckState(m, t);
  if (state !== 'absent') return state === 'enabled';
  const file = t.get('build') ? dockerfileOf(m, t) : null;
  const text = file ? host.read?.(file) : undefined;
  return text !== undefined && declaresHealthcheck(text);
}

/** The `depends_on` entries of a service that name a dependency without a condition. */
export function waitsOnlyToStart(s: ComposeService, dependency: string): NameRef | undefined {
  return dependsOn(s).find(
    (r) => r.name === dependency && !(r.entry && strAt(r.entry.value, 'condition') !== undefined),
  );
}

/**
 * Gives one `depends_on` entry a condition. A short-form list is converted to the long form whole (every
 * entry gets the condition `condition(name)` says), keeping comments; a long-form entry gets a
 * `condition:` line.
 */
export function addCondition(
  m: ComposeModel,
  s: ComposeService,
  target: NameRef,
  condition: (name: string) => Condition,
): TextEdit[] | undefined {
  const entry = ownEntry(s, 'depends_on');
  if (!entry) return undefined;
  if (target.entry) {
    const edit = addUnderEntry(m, target.entry, [`condition: ${condition(target.name)}`]);
    return edit ? [edit] : undefined;
  }
  const raw = entry.pair.value as Node | null;
  if (!isSeq(raw)) return undefined;
  const refs = dependsOn(s);
  if (raw.flow) {
    const body = refs.map((r) => `${yamlString(r.name)}: { condition: ${condition(r.name)} }`).join(', ');
    const edit = replaceNode(m.doc, raw, `{ ${body} }`);
    return edit ? [edit] : undefined;
  }
  return blockToMap(m, entry.keyNode, raw, condition);
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
