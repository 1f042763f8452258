/**
 * `.dockerignore` patterns read and matched as BuildKit does (moby/patternmatcher: ignorefile.ReadAll,
 * Pattern.compile and MatchesOrParentMatches), with a memoised matcher instead of a regular expression so
 * that no pattern can make matching slow. Character classes (`[a-z]`) are not supported: a file that uses
 * one gets no matcher, and rules stay quiet.
 */
export interface IgnoreMatcher {
  /** Any `!` pattern: BuildKit does not judge copies then (a negation can bring a file back). */
  exclusions: boolean;
  patterns: string[];
  matches(path: string): boolean;
}

type Token = { t: 'lit'; c: string } | { t: 'star' } | { t: 'q' } | { t: 'dstar' } | { t: 'rest' };

/** Go's path.Clean. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(part);
  }
  const joined = out.join('/');
  return rooted ? `/${joined}` : joined || '.';
}

export function readIgnoreFile(text: string): IgnoreMatcher | null {
  const patterns: string[] = [];
  let exclusions = false;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (raw.startsWith('#')) continue;
    let p = raw.trim();
    if (p === '') continue;
    const invert = p.startsWith('!');
    if (invert) p = p.slice(1).trim();
    if (p.length > 0) {
      p = cleanPath(p);
      if (p.length > 1 && p.startsWith('/')) p = p.slice(1);
    }
    if (invert) exclusions = true;
    else patterns.push(p);
  }
  if (patterns.some((p) => p.includes('['))) return null;
  const compiled = patterns.map(compile);
  return {
    exclusions,
    patterns,
    matches: (path) => compiled.some((m) => matchesOrParent(m, path)),
  };
}

function compile(pattern: string): (path: string) => boolean {
  const tokens: Token[] = [];
  let wild = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*' && pattern[i + 1] === '*') {
      i++;
      if (pattern[i + 1] === '/') i++;
      tokens.push(i + 1 >= pattern.length ? { t: 'rest' } : { t: 'dstar' });
      if (i + 1 < pattern.length) wild = true;
    } else if (c === '*') {
      tokens.push({ t: 'star' });
      wild = true;
    } else if (c === '?') {
      tokens.push({ t: 'q' });
      wild = true;
    } else if (c === '\\' && i + 1 < pattern.length) {
      tokens.push({ t: 'lit', c: pattern[++i] as string });
      wild = true;
    } else tokens.push({ t: 'lit', c });
  }
  // A leading `**` with nothing wild after it is a suffix test (`**foo` matches `barfoo`).
  if (pattern.startsWith('**') && !wild) {
    const suffix = pattern.slice(2);
    return (path) =>
      suffix === '' || path.endsWith(suffix) || (suffix.startsWith('/') && path === suffix.slice(1));
  }
  return (path) => globMatch(tokens, path);
}

function globMatch(tokens: Token[], s: string): boolean {
  const memo = new Map<number, boolean>();
  const width = s.length + 1;
  const go = (p: number, i: number): boolean => {
    if (p === tokens.length) return i === s.length;
    const key = p * width + i;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const tok = tokens[p] as Token;
    const ch = s[i];
    let r: boolean;
    if (tok.t === 'lit') r = ch === tok.c && go(p + 1, i + 1);
    else if (tok.t === 'q') r = ch !== undefined && ch !== '/' && go(p + 1, i + 1);
    else if (tok.t === 'star') r = go(p + 1, i) || (ch !== undefined && ch !== '/' && go(p, i + 1));
    else if (tok.t === 'rest') r = true;
    else {
      // `**/`: nothing, or anything ending in a slash.
      r = go(p + 1, i);
      for (let k = i; !r && k < s.length; k++) if (s[k] === '/') r = go(p + 1, k + 1);
    }
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}

function matchesOrParent(match: (p: string) => boolean, file: string): boolean {
  if (match(file)) return true;
  const slash = file.lastIndexOf('/');
  if (slash < 0) return false;
  const dirs = file.slice(0, slash).split('/');
  for (let i = 1; i <= dirs.length; i++) if (match(dirs.slice(0, i).join('/'))) return true;
  return false;
}

/** Whether a pattern excludes every entry of the context root, the only way `COPY .` copies nothing. */
export function ignoresRoot(m: IgnoreMatcher): boolean {
  return m.patterns.some((p) => p === '*' || p === '**' || p === '**/*');
}
