import type { TextDoc } from '../core/text';
import { stageChain, type DInstruction, type DockerfileModel, type Stage } from '../languages/dockerfile';

/** The shells ShellCheck knows (`-s`). */
export type Dialect = 'sh' | 'bash' | 'dash' | 'ksh';

/**
 * A RUN body as the shell receives it, with the document offset of each of its characters, so that a
 * ShellCheck finding on the script maps back to the exact range in the Dockerfile.
 */
export interface RunScript {
  ins: DInstruction;
  /** The dialect to check with, or null when the script names its shell in a `#!` line. */
  dialect: Dialect | null;
  text: string;
  /** `offsets[i]` is the document offset of `text[i]`; one more entry for the end of the script. */
  offsets: number[];
  /** The cache key: dialect and text. */
  key: string;
}

const SHELLS: Record<string, Dialect> = { sh: 'sh', ash: 'sh', busybox: 'sh', dash: 'dash', bash: 'bash', ksh: 'ksh', mksh: 'ksh' }; // prettier-ignore

/** The dialect of a shell program path (`/bin/bash` → bash), or null for a shell ShellCheck cannot read. */
export function dialectOf(program: string): Dialect | null {
  const base = program.replace(/\\/g, '/').split('/').pop() ?? '';
  return SHELLS[base.replace(/\.exe$/i, '').toLowerCase()] ?? null;
}

/**
 * The shell RUN instructions of a stage run with: the last SHELL in the stage or the stages it builds on,
 * else `/bin/sh` (Windows images default to cmd, which ShellCheck cannot read).
 */
function shellAt(stage: Stage, ins: DInstruction): Dialect | null {
  for (const s of stageChain(stage)) {
    const shells = s.instructions.filter(
      (i) => i.keyword === 'SHELL' && i.json && (s !== stage || i.range.start.line < ins.range.start.line),
    );
    const last = shells[shells.length - 1];
    if (last?.json?.[0]) return dialectOf(last.json[0].value);
  }
  const root = stageChain(stage).pop();
  return /windows|nanoserver|servercore/i.test(root?.image?.name ?? '') ? null : 'sh';
}

/** BuildKit's continuation: the escape character, then only blanks, at the end of a line. */
function continues(line: string, esc: string): number {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  return end > 0 && line[end - 1] === esc ? end - 1 : -1;
}

/**
 * The shell-form body of a RUN as BuildKit joins it (parser.go): each line ending in the escape character
 * is joined to the next without the escape and the line break; comment lines and blank lines inside the
 * continuation are dropped.
 */
function joined(
  doc: TextDoc,
  start: number,
  endLine: number,
  esc: string,
): { text: string; offsets: number[] } {
  let text = '';
  const offsets: number[] = [];
  let line = doc.positionAt(start).line;
  let from = start;
  for (let first = true; line <= endLine; line++, first = false) {
    const lineStart = doc.lineStart(line);
    const raw = doc.text.slice(lineStart, doc.lineEnd(line));
    if (!first && (raw.trim() === '' || raw.trimStart().startsWith('#'))) continue;
    const begin = first ? from - lineStart : 0;
    const cut = continues(raw, esc);
    const stop = cut >= begin ? cut : raw.length;
    for (let i = begin; i < stop; i++) {
      text += raw[i];
      offsets.push(lineStart + i);
    }
    from = lineStart + stop;
    if (cut < begin) break;
  }
  offsets.push(from);
  return { text, offsets };
}

/**
 * Scripts longer than this are not checked: ShellCheck takes seconds on them, and a RUN that long is
 * generated, not written.
 */
export const MAX_SCRIPT = 64 * 1024;

const HEREDOC_ONLY = /^<<-?(["']?)([A-Za-z_][\w.-]*)\1\s*$/;

function scriptOf(model: DockerfileModel, stage: Stage, ins: DInstruction): RunScript | null {
  const { doc } = model;
  const first = ins.args[0];
  if (ins.keyword !== 'RUN' || ins.json || !first) return null;
  let dialect = shellAt(stage, ins);
  if (!dialect) return null;
  const start = doc.offsetAt(first.range.start);
  let text: string;
  let offsets: number[];
  const heredoc = ins.heredocs[0];
  if (heredoc && HEREDOC_ONLY.test(doc.text.slice(start, doc.lineEnd(first.range.start.line)))) {
    // `RUN <<EOF`: the heredoc body is the script; a `#!` line in it names its interpreter.
    if (!heredoc.contentRange) return null;
    const from = doc.offsetAt(heredoc.contentRange.start);
    text = doc.text.slice(from, doc.offsetAt(heredoc.contentRange.end));
    offsets = Array.from({ length: text.length + 1 }, (_, i) => from + i);
    const bang = /^#!\s*(\S+)(?:[ \t]+(\S+))?/.exec(text);
    if (bang) {
      const program = /(^|\/)env$/.test(bang[1] ?? '') ? (bang[2] ?? '') : (bang[1] ?? '');
      if (!dialectOf(program)) return null;
      dialect = null;
    }
  } else if (ins.heredocs.length > 0) {
    // Heredocs used as data (`cat <<EOF > file`): the text from the command on is shell syntax as written.
    const end = doc.offsetAt(ins.range.end);
    text = doc.text.slice(start, end);
    offsets = Array.from({ length: text.length + 1 }, (_, i) => start + i);
  } else ({ text, offsets } = joined(doc, start, ins.range.end.line, model.escapeChar));
  if (text.trim() === '' || text.length > MAX_SCRIPT) return null;
  return { ins, dialect, text, offsets, key: `${dialect ?? '#!'}\u0000${text}` };
}

/** Every shell-form RUN of the file whose shell ShellCheck can read. */
export function runScripts(model: DockerfileModel): RunScript[] {
  const out: RunScript[] = [];
  for (const stage of model.stages)
    for (const ins of stage.instructions) {
      const s = scriptOf(model, stage, ins);
      if (s) out.push(s);
    }
  return out;
}
