import { emptySuppressions, parseSuppressionComment, type Suppressions } from '../../core/suppress';
import type { TextDoc } from '../../core/text';
import { contentEnd, isMap, isPair, isScalar, isSeq, type Node } from '../yaml/model';
import type { KDocument, KubernetesModel } from './model';

/**
 * Checks of other tools that an object's annotations skip, as Shipshape alias ids:
 *
 * - kube-linter: `ignore-check.kube-linter.io/<check>: "reason"` → `kube-linter:<check>`
 * - Polaris: `polaris.fairwinds.com/<check>-exempt: "true"` → `polaris:<check>`
 * - Checkov: `checkov.io/skip1: CKV_K8S_20=reason` (skip1, skip2, …) → `checkov:CKV_K8S_20`
 *
 * Whole-tool forms (`kube-linter.io/ignore-all`, `polaris.fairwinds.com/exempt`) are not honoured: they
 * would silence Shipshape-only checks such as schema errors, which those tools never made.
 */
export function annotationSkips(annotations: Map<string, string>): Set<string> {
  const out = new Set<string>();
  for (const [key, value] of annotations) {
    let m = /^ignore-check\.kube-linter\.io\/([a-z0-9-]+)$/.exec(key);
    if (m) {
      out.add(`kube-linter:${m[1]}`);
      continue;
    }
    m = /^polaris\.fairwinds\.com\/([A-Za-z0-9]+)-exempt$/.exec(key);
    if (m) {
      if (value.trim().toLowerCase() === 'true') out.add(`polaris:${m[1]}`);
      continue;
    }
    if (/^checkov\.io\/skip\d+$/.test(key)) {
      const id = /^\s*(CKV2?_[A-Z0-9]+_\d+)/.exec(value);
      if (id) out.add(`checkov:${id[1]}`);
    }
  }
  return out;
}

/**
 * Suppressions of a Kubernetes file:
 *
 * - `# shipshape-ignore <id>[,<id>] [-- reason]` on its own line silences those rules on the next line
 *   and, when that line starts a mapping entry or a list item, on all of it; above a document's first
 *   key, on the whole document.
 * - `# shipshape-ignore-file <id>` anywhere silences them in the whole file.
 * - Annotations of kube-linter, Polaris and Checkov (see `annotationSkips`) silence the matching aliases
 *   in their object's document.
 */
export function kubernetesSuppressions(model: KubernetesModel): Suppressions {
  const s = emptySuppressions();
  const doc = model.doc;
  for (const m of model.manifests) {
    if (m.skips.size === 0) continue;
    s.ranges.push({
      startLine: doc.positionAt(m.document.start).line,
      endLine: doc.positionAt(m.document.end).line,
      ids: new Set(m.skips),
    });
  }
  if (!doc.text.includes('shipshape-ignore')) return s;
  const re = /^[ \t]*#[ \t]*(shipshape-ignore.*)$/gm;
  let match: RegExpExecArray | null;
  while ((match = re.exec(doc.text))) {
    const offset = match.index;
    const owner = model.documents.find((d) => d.start <= offset && offset <= d.end);
    if (owner && insideScalar(owner.contents, offset)) continue;
    const parsed = parseSuppressionComment((match[1] ?? '').replace(/\r$/, ''));
    if (!parsed) continue;
    if (parsed.kind === 'file') {
      for (const id of parsed.ids) s.file.add(id);
      continue;
    }
    const target = nextCodeLine(doc, doc.positionAt(offset).line + 1);
    if (target === undefined) continue;
    const d = model.documents.find((x) => {
      const start = doc.positionAt(x.start).line;
      const end = doc.positionAt(x.end).line;
      return start <= target && target <= end;
    });
    s.ranges.push({
      startLine: target,
      endLine: d ? extentOf(doc, d, target) : target,
      ids: new Set(parsed.ids),
    });
  }
  return s;
}

function nextCodeLine(doc: TextDoc, from: number): number | undefined {
  for (let line = from; line < doc.lineCount; line++) {
    const t = doc.lineText(line).trim();
    if (t && !t.startsWith('#') && t !== '---') return line;
  }
  return undefined;
}

/** The last line of what starts on `line`: a whole document above its first key, else an entry or item. */
function extentOf(doc: TextDoc, d: KDocument, line: number): number {
  const root = d.contents;
  if (isMap(root) && !root.flow) {
    const first = root.items[0];
    const key = isPair(first) ? (first.key as Node | null) : null;
    if (key?.range && doc.positionAt(key.range[0]).line === line)
      return doc.positionAt(contentEnd(root)).line;
  }
  let end = line;
  const visit = (node: unknown): void => {
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items) {
        if (isPair(item)) {
          const key = item.key as Node | null;
          if (key?.range && doc.positionAt(key.range[0]).line === line) {
            const v = item.value as Node | null;
            end = Math.max(end, doc.positionAt(v ? contentEnd(v) : key.range[1]).line);
          }
          visit(item.value);
        } else {
          const n = item as Node;
          if (n?.range && doc.positionAt(n.range[0]).line === line)
            end = Math.max(end, doc.positionAt(contentEnd(n)).line);
          visit(n);
        }
      }
    }
  };
  visit(root);
  return end;
}

/** Whether an offset lies inside a scalar (a comment-like line in a block scalar is text, not a comment). */
function insideScalar(node: unknown, offset: number): boolean {
  if (isScalar(node)) return !!node.range && node.range[0] < offset && offset < node.range[1];
  if (isMap(node) || isSeq(node)) {
    if (node.range && (offset < node.range[0] || offset > node.range[2])) return false;
    for (const item of node.items) {
      if (isPair(item)) {
        if (insideScalar(item.key, offset) || insideScalar(item.value, offset)) return true;
      } else if (insideScalar(item, offset)) return true;
    }
  }
  return false;
}
