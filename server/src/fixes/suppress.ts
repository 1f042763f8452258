import type { FixSpec, Language } from '../core/rule';
import type { Range, TextDoc } from '../core/text';
import type { ComposeModel } from '../languages/compose/model';
import type { DockerfileModel } from '../languages/dockerfile/model';
import type { KubernetesModel } from '../languages/kubernetes/model';
import { contentEnd, isMap, isSeq, type Node } from '../languages/yaml/model';
import { insertLinesBefore } from './text';

/**
 * "Ignore this finding": a `# shipshape-ignore <rule>` line where the file kind reads it, indented like the
 * line it silences and with the file's line endings.
 *
 * - Dockerfile: above the instruction holding the finding (a comment silences the next instruction,
 *   continuation lines and heredocs included).
 * - Compose and Kubernetes: above the innermost mapping entry or list item that starts its own line and
 *   holds the finding; a comment there silences that entry and everything nested under it. Lines inside
 *   block scalars, multi-line strings and flow collections are never chosen, since a `#` line there would
 *   be content or break the syntax: the entry that owns them is.
 */
export function ignoreFix(
  language: Language,
  model: unknown,
  at: Range,
  ruleId: string,
): FixSpec | undefined {
  const line =
    language === 'dockerfile'
      ? dockerfileLine(model as DockerfileModel, at)
      : language === 'compose'
        ? yamlLine((model as ComposeModel).doc, (model as ComposeModel).root, at)
        : kubernetesLine(model as KubernetesModel, at);
  if (line === undefined) return undefined;
  const doc = (model as { doc: TextDoc }).doc;
  return {
    title: `Ignore ${ruleId} here (add a shipshape-ignore comment)`,
    kind: 'safe',
    edits: [insertLinesBefore(doc, line, [`# shipshape-ignore ${ruleId}`])],
  };
}

function dockerfileLine(model: DockerfileModel, at: Range): number | undefined {
  const line = at.start.line;
  return model.instructions.find((i) => i.range.start.line <= line && line <= i.range.end.line)?.range.start
    .line;
}

function kubernetesLine(model: KubernetesModel, at: Range): number | undefined {
  // A JSON manifest has no comments.
  if (/^\s*[{[]/.test(model.doc.text)) return undefined;
  const offset = model.doc.offsetAt(at.start);
  const d = model.documents.find((x) => x.start <= offset && offset <= x.end);
  return yamlLine(model.doc, d?.contents ?? null, at);
}

/** The line a key or list item starts, when nothing but indentation and `- ` comes before it there. */
function ownLine(doc: TextDoc, offset: number): number | undefined {
  const p = doc.positionAt(offset);
  return /^[ \t]*(?:-[ \t]+)*$/.test(doc.lineText(p.line).slice(0, p.character)) ? p.line : undefined;
}

function yamlLine(doc: TextDoc, root: Node | null, at: Range): number | undefined {
  const offset = doc.offsetAt(at.start);
  let best: number | undefined;
  let node: Node | null = root;
  // Down the block collections that hold the offset, remembering the last entry that starts a line.
  for (let depth = 0; node && depth < 200; depth++) {
    let next: Node | null = null;
    if (isMap(node) && !node.flow) {
      for (const p of node.items) {
        const k = p.key as Node | null;
        const v = p.value as Node | null;
        const start = k?.range?.[0] ?? v?.range?.[0];
        const end = v?.range ? contentEnd(v) : k?.range?.[1];
        if (start === undefined || end === undefined || offset < start || offset > end) continue;
        best = ownLine(doc, start) ?? best;
        next = v;
        break;
      }
    } else if (isSeq(node) && !node.flow) {
      for (const item of node.items as (Node | null)[]) {
        if (!item?.range || offset < item.range[0] || offset > contentEnd(item)) continue;
        best = ownLine(doc, item.range[0]) ?? best;
        next = item;
        break;
      }
    }
    node = next;
  }
  // Outside every entry (an empty file, a YAML error): the finding's own line, unless it continues another.
  return (
    best ?? (at.start.line === 0 || doc.lineText(at.start.line - 1).trim() === '' ? at.start.line : undefined)
  );
}
