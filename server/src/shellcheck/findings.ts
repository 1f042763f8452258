import { configuredLevel, type Config } from '../core/config';
import type { Finding, Severity } from '../core/rule';
import { isSuppressed, type Suppressions } from '../core/suppress';
import type { Range, TextDoc } from '../core/text';
import type { RunScript } from './scripts';

/** One entry of `shellcheck -f json1` output. Lines and columns are 1-based; a tab is one column. */
export interface ShellcheckComment {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  level: string;
  code: number;
  message: string;
}

/**
 * ShellCheck's levels, one step below Shipshape's error: a shell mistake does not make `docker build`
 * reject the file, and errors are kept for what it rejects.
 */
const SEVERITY: Record<string, Severity> = {
  error: 'warning',
  warning: 'warning',
  info: 'info',
  style: 'hint',
};

/** Rule ids of ShellCheck findings: `shellcheck/SC2086`. */
export const SHELLCHECK_ID = /^shellcheck\/SC\d{4}$/;

export function shellcheckDocsUrl(ruleId: string): string {
  return `https://www.shellcheck.net/wiki/${ruleId.slice('shellcheck/'.length)}`;
}

/** The script offset of a 1-based line and column (columns count code points, as ShellCheck does). */
function scriptOffset(text: string, lineStarts: number[], line: number, column: number): number {
  const start = lineStarts[Math.max(0, Math.min(line - 1, lineStarts.length - 1))] ?? 0;
  let o = start;
  for (let c = 1; c < column && o < text.length && text[o] !== '\n'; c++) {
    const code = text.codePointAt(o) ?? 0;
    o += code > 0xffff ? 2 : 1;
  }
  return o;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

/** The document range of a ShellCheck comment on a script whose line starts are `starts`. */
export function mapRange(
  doc: TextDoc,
  script: RunScript,
  c: ShellcheckComment,
  starts = lineStartsOf(script.text),
): Range {
  const s = scriptOffset(script.text, starts, c.line, c.column);
  let e = scriptOffset(script.text, starts, c.endLine, c.endColumn);
  if (e <= s) e = Math.min(s + 1, script.text.length);
  const at = (o: number): number => script.offsets[o] ?? script.offsets[script.offsets.length - 1] ?? 0;
  // The end is just past the last character of the range, wherever a continuation was cut after it.
  const end = e > s ? at(e - 1) + 1 : at(e);
  return { start: doc.positionAt(at(s)), end: doc.positionAt(Math.max(at(s), end)) };
}

/** ShellCheck's comments on the scripts of a document as findings, with suppressions and configuration applied. */
export function shellcheckFindings(
  doc: TextDoc,
  scripts: readonly RunScript[],
  results: ReadonlyMap<string, readonly ShellcheckComment[] | null>,
  suppressions: Suppressions,
  config: Config,
): Finding[] {
  const out: Finding[] = [];
  for (const script of scripts) {
    const comments = results.get(script.key) ?? [];
    const starts = comments.length > 0 ? lineStartsOf(script.text) : [];
    for (const c of comments) {
      const ruleId = `shellcheck/SC${c.code}`;
      // `# hadolint ignore=SC2086` names ShellCheck codes the way hadolint reports them.
      const aliases = [`hadolint:SC${c.code}`];
      const level = configuredLevel(config, ruleId, aliases);
      if (level === 'off') continue;
      const range = mapRange(doc, script, c, starts);
      if (isSuppressed(suppressions, ruleId, aliases, range)) continue;
      out.push({
        ruleId,
        severity: level ?? SEVERITY[c.level] ?? 'info',
        message: c.message,
        range,
        aliases,
        fixable: false,
        fixes: () => [],
      });
    }
  }
  return out.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}
