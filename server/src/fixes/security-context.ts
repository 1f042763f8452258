import type { TextDoc, TextEdit } from '../core/text';
import { get, isSeq, mapAt, num, str, type Container } from '../languages/kubernetes';
import { deref } from '../languages/yaml/model';
import {
  addToEntry,
  addToMap,
  addToSequence,
  setScalar,
  styleOf,
  yamlLines,
  type YValue,
} from './kubernetes';

/** The container settings of the usual hardening (and of the restricted Pod Security Standard). */
export type HardeningItem = 'runAsNonRoot' | 'allowPrivilegeEscalation' | 'readOnlyRootFilesystem' | 'drop';

/**
 * Completes the container's securityContext with the hardened settings it lacks: a whole block when it
 * has none, otherwise the missing keys appended and wrong values replaced. Undefined when a setting
 * cannot be fixed by an edit (runAsUser: 0 asks for root explicitly).
 */
export function hardenFix(
  doc: TextDoc,
  c: Container,
  want: readonly HardeningItem[],
): TextEdit[] | undefined {
  const style = styleOf(doc);
  const runAsUser =
    num(get(mapAt(c.node, 'securityContext'), 'runAsUser')?.value) ??
    num(get(mapAt(c.workload.podSpec, 'securityContext'), 'runAsUser')?.value);
  if (want.includes('runAsNonRoot') && runAsUser === 0) return undefined;
  const full: Record<string, YValue> = {};
  if (want.includes('runAsNonRoot')) full.runAsNonRoot = true;
  if (want.includes('allowPrivilegeEscalation')) full.allowPrivilegeEscalation = false;
  if (want.includes('readOnlyRootFilesystem')) full.readOnlyRootFilesystem = true;
  if (want.includes('drop')) full.capabilities = { drop: ['ALL'] };
  const entry = get(c.node, 'securityContext');
  const sc = mapAt(c.node, 'securityContext');
  if (!entry) {
    const e = addToMap(doc, c.node, yamlLines({ securityContext: full }, style));
    return e ? [e] : undefined;
  }
  if (!sc || sc.items.length === 0) {
    const e = addToEntry(doc, entry, yamlLines(full, style));
    return e ? [e] : undefined;
  }
  if (sc.flow) return undefined;
  const nested: TextEdit[] = [];
  const appended: Record<string, YValue> = {};
  for (const [key, value] of [
    ['runAsNonRoot', true],
    ['allowPrivilegeEscalation', false],
    ['readOnlyRootFilesystem', true],
  ] as const) {
    if (!(key in full)) continue;
    const existing = get(sc, key);
    if (existing?.value && str(existing.value) !== undefined) {
      const e = setScalar(doc, existing.value, value);
      if (!e) return undefined;
      nested.push(e);
    } else if (existing) return undefined;
    else appended[key] = value;
  }
  if (want.includes('drop')) {
    const caps = get(sc, 'capabilities');
    const capsMap = mapAt(sc, 'capabilities');
    const drop = get(capsMap, 'drop');
    if (!caps) appended.capabilities = { drop: ['ALL'] };
    else if (!capsMap || capsMap.items.length === 0) {
      const e = addToEntry(doc, caps, yamlLines({ drop: ['ALL'] }, style));
      if (!e) return undefined;
      nested.push(e);
    } else if (!drop) {
      const e = capsMap.flow ? undefined : addToMap(doc, capsMap, yamlLines({ drop: ['ALL'] }, style));
      if (!e) return undefined;
      nested.push(e);
    } else {
      const d = deref(drop.value);
      const e = isSeq(d) ? addToSequence(doc, d, 'ALL') : undefined;
      if (!e) return undefined;
      nested.push(e);
    }
  }
  // Entries nested deeper come first: they may be inserted where the appended keys are.
  const edits = [...nested];
  if (Object.keys(appended).length) {
    const e = addToMap(doc, sc, yamlLines(appended, style));
    if (!e) return undefined;
    edits.push(e);
  }
  return edits.length ? edits : undefined;
}
