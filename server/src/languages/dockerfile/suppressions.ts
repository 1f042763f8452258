import { emptySuppressions, parseSuppressionComment, type Suppressions } from '../../core/suppress';
import type { DComment, DockerfileModel } from './model';

/**
 * A suppression comment silences the instruction that follows it (all of its lines), or the whole file.
 * BuildKit's `# check=skip=…` is a parser directive, which dockerfile-ast reports as a directive rather
 * than a comment, so the first lines are read directly.
 */
export function dockerfileSuppressions(model: DockerfileModel): Suppressions {
  const s = emptySuppressions();
  const ins = model.instructions;
  // Leading comment lines can be taken for parser directives and left out of the model's comments.
  const leading: { text: string; range: DComment['range'] }[] = [];
  const first = model.comments[0]?.range.start.line ?? Infinity;
  for (let line = 0; line < Math.min(model.doc.lineCount, first); line++) {
    const m = /^\s*#(.*)$/.exec(model.doc.lineText(line));
    if (!m) break;
    leading.push({ text: m[1] ?? '', range: model.doc.lineRange(line) });
  }
  let k = 0;
  for (const c of [...leading, ...model.comments]) {
    const parsed = parseSuppressionComment(c.text);
    if (!parsed) continue;
    if (parsed.kind === 'file') {
      for (const id of parsed.ids) s.file.add(id);
      continue;
    }
    while (k < ins.length && (ins[k]?.range.start.line ?? 0) <= c.range.start.line) k++;
    const next = ins[k];
    if (!next) continue;
    s.ranges.push({
      startLine: next.range.start.line,
      endLine: next.range.end.line,
      ids: new Set(parsed.ids),
    });
  }
  const doc = model.doc;
  for (let line = 0; line < Math.min(doc.lineCount, 20); line++) {
    const m = /^\s*#\s*(check\s*=.*)$/.exec(doc.lineText(line));
    if (m) {
      const parsed = parseSuppressionComment(m[1] ?? '');
      if (parsed) for (const id of parsed.ids) s.file.add(id);
    } else if (!/^\s*#/.test(doc.lineText(line))) break;
  }
  return s;
}
