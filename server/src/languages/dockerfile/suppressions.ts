import { emptySuppressions, parseSuppressionComment, type Suppressions } from '../../core/suppress';
import {
  commentLinesBefore,
  fileCheckOptions,
  instructionCheck,
  topDirectives,
  type CheckOptions,
} from './directives';
import type { DComment, DockerfileModel } from './model';

const CHECK = /^\s*check\s*=/;
const ANY_CHECK = /^\s*check\s*=/i;

/**
 * A suppression comment silences the instruction that follows it (all of its lines), or the whole file.
 * BuildKit's `# check=…` is read as BuildKit reads it (directives.ts): at the top of the file it applies to
 * the whole file (`skip=`, and `error=true` turns BuildKit's checks into errors); in the comments just
 * above an instruction it skips checks on that instruction only.
 */
export function dockerfileSuppressions(model: DockerfileModel): Suppressions {
  let s = known.get(model);
  if (!s) known.set(model, (s = readSuppressions(model)));
  return s;
}

/** One reading per model: the engine asks for the file and again for its views. */
const known = new WeakMap<DockerfileModel, Suppressions>();

function readSuppressions(model: DockerfileModel): Suppressions {
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
    if (CHECK.test(c.text)) continue;
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
  const file = fileCheckOptions(doc);
  if (file && !file.options.invalid) {
    for (const id of skipped(file.options)) s.file.add(id);
    if (file.options.error) s.errorNamespaces = new Set(['buildkit']);
  }
  const directiveLines = new Set(topDirectives(doc).map((d) => d.line));
  // Most files have no `check=` comment above an instruction: then there is nothing to look for.
  // (BuildKit reads directive names in any case.)
  if (!model.comments.some((c) => ANY_CHECK.test(c.text) && !directiveLines.has(c.range.start.line)))
    return s;
  let from = 0;
  for (const i of ins) {
    const opts = instructionCheck(doc, commentLinesBefore(doc, from, i.range.start.line, directiveLines));
    if (opts)
      s.ranges.push({
        startLine: i.range.start.line,
        endLine: i.range.end.line,
        ids: new Set(skipped(opts)),
      });
    from = i.range.end.line + 1;
  }
  return s;
}

function skipped(opts: CheckOptions): string[] {
  return opts.skipAll ? ['buildkit:*'] : opts.skip.map((c) => `buildkit:${c.name}`);
}
