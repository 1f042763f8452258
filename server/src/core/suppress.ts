import type { Range } from './text';

/**
 * Suppressions collected from a document. Ids are either Shipshape rule ids or namespaced aliases
 * (`hadolint:DL3008`, `buildkit:JSONArgsRecommended`), matched through each rule's aliases.
 */
export interface Suppressions {
  /** Rules silenced for the whole file. `*` silences every rule. */
  file: Set<string>;
  /** Rules silenced on a range of lines (inclusive, zero-based). */
  ranges: { startLine: number; endLine: number; ids: Set<string> }[];
  /** Tools whose checks the file turns into errors (BuildKit's `# check=error=true`): `buildkit`. */
  errorNamespaces?: Set<string>;
}

export function emptySuppressions(): Suppressions {
  return { file: new Set(), ranges: [] };
}

export function isSuppressed(
  s: Suppressions,
  ruleId: string,
  aliases: readonly string[],
  at: Range,
): boolean {
  // `tool:*` (BuildKit's `check=skip=all`) silences every check of that tool.
  const hit = (ids: Set<string>): boolean =>
    ids.has('*') ||
    ids.has(ruleId) ||
    aliases.some((a) => ids.has(a) || ids.has(`${a.slice(0, a.indexOf(':'))}:*`));
  if (hit(s.file)) return true;
  for (const r of s.ranges)
    if (at.start.line >= r.startLine && at.start.line <= r.endLine && hit(r.ids)) return true;
  return false;
}

export interface SuppressionComment {
  kind: 'next' | 'file';
  ids: string[];
}

/**
 * Reads one comment's text (without the leading `#`) as a suppression. Recognised forms:
 * `shipshape-ignore a,b -- reason`, `shipshape-ignore-file a`, `hadolint ignore=DL3008,DL3009`,
 * `hadolint global ignore=DL3008` and BuildKit's `check=skip=A,B` directive.
 */
export function parseSuppressionComment(text: string): SuppressionComment | null {
  const t = text.trim();
  const own = shipshapeIgnore(t);
  if (own) return own;
  // The whitespace after `=` is left in the captured text (splitIds drops it): a `\s*` before a class
  // that also holds whitespace would backtrack quadratically on a long blank run.
  let m = /^hadolint\s+(global\s+)?ignore\s*=([\w,\s-]+)$/.exec(t);
  if (m) return { kind: m[1] ? 'file' : 'next', ids: splitIds(m[2] ?? '').map((id) => `hadolint:${id}`) };
  m = /^check\s*=(.*)$/.exec(t);
  if (m) {
    const skip = /(?:^|;)\s*skip\s*=\s*([^;]*)/.exec(m[1] ?? '');
    if (!skip) return null;
    const ids = splitIds(skip[1] ?? '');
    return { kind: 'file', ids: ids.includes('all') ? ['buildkit:*'] : ids.map((id) => `buildkit:${id}`) };
  }
  return null;
}

/**
 * `shipshape-ignore[-file] [ids] [-- reason]`, read with string scans rather than one lazy regular
 * expression, whose backtracking was quadratic in the comment's length.
 */
function shipshapeIgnore(t: string): SuppressionComment | null {
  const head = /^shipshape-ignore(-file)?/.exec(t);
  if (!head) return null;
  const rest = t.slice(head[0].length);
  let ids: string[] = [];
  if (/^\s/.test(rest)) {
    // The ids run up to the first `--` after their first character (the reason follows it).
    const r = rest.trimStart();
    const dashes = r.indexOf('--', 1);
    ids = splitIds(dashes < 0 ? r : r.slice(0, dashes));
  } else if (rest !== '' && !rest.startsWith('--')) return null;
  return { kind: head[1] ? 'file' : 'next', ids: ids.length ? ids : ['*'] };
}

function splitIds(s: string): string[] {
  return s
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** Whether a finding with these aliases is made an error by the file (`Suppressions.errorNamespaces`). */
export function isEscalated(s: Suppressions, aliases: readonly string[]): boolean {
  const ns = s.errorNamespaces;
  return ns !== undefined && aliases.some((a) => ns.has(a.slice(0, a.indexOf(':'))));
}
