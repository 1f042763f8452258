import { emptySuppressions, parseSuppressionComment, type Suppressions } from '../../core/suppress';
import type { TextDoc } from '../../core/text';

/**
 * Suppression comments in YAML: `# shipshape-ignore <id>` on its own line silences those rules on the
 * entry that starts on the next line — the key (or list item) and everything nested under it —, and
 * `# shipshape-ignore-file <id>` anywhere silences them in the whole file. Lines are read directly, so a
 * file YAML cannot parse is treated the same way.
 */
export function composeSuppressions(doc: TextDoc): Suppressions {
  const s = emptySuppressions();
  const n = doc.lineCount;
  const text = doc.text;
  // Most files have no suppression at all; one search spares reading every line.
  if (!/#\s*(shipshape-ignore|hadolint)/.test(text)) return s;
  for (let line = 0; line < n; line++) {
    const t = doc.lineText(line);
    const m = /^\s*#(.*)$/.exec(t);
    if (!m) continue;
    const parsed = parseSuppressionComment(m[1] ?? '');
    if (!parsed) continue;
    if (parsed.kind === 'file') {
      for (const id of parsed.ids) s.file.add(id);
      continue;
    }
    let start = line + 1;
    while (start < n && isBlankOrComment(doc.lineText(start))) start++;
    if (start >= n) continue;
    s.ranges.push({ startLine: start, endLine: entryEnd(doc, start), ids: new Set(parsed.ids) });
  }
  return s;
}

function isBlankOrComment(t: string): boolean {
  return /^\s*(#.*)?$/.test(t);
}

function indentOf(t: string): number {
  return /^ */.exec(t)?.[0].length ?? 0;
}

/** The last line of the entry starting at `start`: lines indented deeper belong to it. */
function entryEnd(doc: TextDoc, start: number): number {
  const first = doc.lineText(start);
  const indent = indentOf(first);
  const isItem = /^\s*- /.test(first) || /^\s*-$/.test(first);
  let end = start;
  for (let line = start + 1; line < doc.lineCount; line++) {
    const t = doc.lineText(line);
    if (isBlankOrComment(t)) continue;
    const w = indentOf(t);
    // `key:` followed by `- item` lines at the same column is a block sequence under that key.
    if (w > indent || (w === indent && !isItem && /^\s*-( |$)/.test(t))) end = line;
    else break;
  }
  return end;
}
