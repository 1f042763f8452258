/**
 * Compose variable interpolation, as `docker compose` reads it: `$VAR`, `${VAR}`, `${VAR:-default}`,
 * `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+replacement}`, `${VAR+replacement}`, with
 * nesting in the default (`${A:-${B:-x}}`), and `$$` for a literal dollar sign. Any other `$` (`$1`,
 * `${}`, an unclosed `${`) makes Compose reject the file with "invalid interpolation format".
 */

export type Operator = '' | ':-' | '-' | ':?' | '?' | ':+' | '+';

export interface VariableToken {
  kind: 'variable';
  /** Offsets in the scanned string: the whole `$VAR` or `${…}`. */
  start: number;
  end: number;
  name: string;
  braced: boolean;
  op: Operator;
  /** The text after the operator (a default, an error message or a replacement), itself a template. */
  arg: string;
}

export interface EscapeToken {
  kind: 'escape';
  start: number;
  end: number;
}

export interface InvalidToken {
  kind: 'invalid';
  start: number;
  end: number;
  reason: string;
}

export type TemplateToken = VariableToken | EscapeToken | InvalidToken;

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const OPERATORS: Operator[] = [':-', ':?', ':+', '-', '?', '+'];

/** The top-level `$` constructs of a string, in order. Strings without `$` cost one indexOf. */
export function scanTemplate(s: string): TemplateToken[] {
  const out: TemplateToken[] = [];
  let i = s.indexOf('$');
  while (i >= 0 && i < s.length) {
    const next = s[i + 1];
    if (next === '$') {
      out.push({ kind: 'escape', start: i, end: i + 2 });
      i = s.indexOf('$', i + 2);
      continue;
    }
    if (next !== undefined && NAME_START.test(next)) {
      let j = i + 2;
      while (j < s.length && NAME_CHAR.test(s[j] as string)) j++;
      out.push({
        kind: 'variable',
        start: i,
        end: j,
        name: s.slice(i + 1, j),
        braced: false,
        op: '',
        arg: '',
      });
      i = s.indexOf('$', j);
      continue;
    }
    if (next === '{') {
      const token = braced(s, i);
      out.push(token);
      i = s.indexOf('$', token.end);
      continue;
    }
    out.push({
      kind: 'invalid',
      start: i,
      end: Math.min(s.length, i + 2),
      reason: next === undefined ? 'a `$` at the end' : `\`$${next}\` is not a variable`,
    });
    i = s.indexOf('$', i + 1);
  }
  return out;
}

/** `${…}` starting at `i`: a variable, or an invalid token up to where reading stopped. */
function braced(s: string, i: number): VariableToken | InvalidToken {
  let j = i + 2;
  if (j >= s.length || !NAME_START.test(s[j] as string)) {
    const close = s.indexOf('}', j);
    return {
      kind: 'invalid',
      start: i,
      end: close >= 0 ? close + 1 : s.length,
      reason: close === j ? '`${}` names no variable' : 'a variable name must start with a letter or `_`',
    };
  }
  while (j < s.length && NAME_CHAR.test(s[j] as string)) j++;
  const name = s.slice(i + 2, j);
  if (s[j] === '}') return { kind: 'variable', start: i, end: j + 1, name, braced: true, op: '', arg: '' };
  const op = OPERATORS.find((o) => s.startsWith(o, j));
  if (!op) {
    const close = s.indexOf('}', j);
    return {
      kind: 'invalid',
      start: i,
      end: close >= 0 ? close + 1 : s.length,
      reason:
        close >= 0
          ? `\`${s.slice(j, close)}\` after \`${name}\` is not one of :- - :? ? :+ +`
          : '`${` is not closed',
    };
  }
  // The argument runs to the brace that closes this `${`, counting nested `${ … }`.
  let depth = 0;
  let k = j + op.length;
  for (; k < s.length; k++) {
    const c = s[k];
    if (c === '$' && s[k + 1] === '$') {
      k++;
      continue;
    }
    if (c === '$' && s[k + 1] === '{') {
      depth++;
      k++;
      continue;
    }
    if (c === '}') {
      if (depth === 0) break;
      depth--;
    }
  }
  if (k >= s.length) return { kind: 'invalid', start: i, end: s.length, reason: '`${` is not closed' };
  return { kind: 'variable', start: i, end: k + 1, name, braced: true, op, arg: s.slice(j + op.length, k) };
}

/** Whether a string holds a variable (`$VAR`, `${…}`), as opposed to none or only `$$`. */
export function hasVariables(s: string): boolean {
  if (!s.includes('$')) return false;
  return scanTemplate(s).some((t) => t.kind === 'variable');
}

/** Invalid `$` constructs, including those nested in defaults. */
export function invalidTokens(s: string, depth = 0): InvalidToken[] {
  if (!s.includes('$') || depth > 8) return [];
  const out: InvalidToken[] = [];
  for (const t of scanTemplate(s)) {
    if (t.kind === 'invalid') out.push(t);
    else if (t.kind === 'variable' && t.arg && t.op !== ':?' && t.op !== '?') {
      const argStart = t.end - 1 - t.arg.length;
      for (const inner of invalidTokens(t.arg, depth + 1))
        out.push({ ...inner, start: inner.start + argStart, end: inner.end + argStart });
    }
  }
  return out;
}

export interface Resolved {
  value: string;
  /** True when a variable had no known value and nothing decided the result without it. */
  unresolved: boolean;
  /**
   * True when a default stood in for a variable with no known value (`${TAG:-1.27}`): the result is
   * what Compose uses when the variable is unset, but the shell or CI may well set it.
   */
  defaulted: boolean;
}

/**
 * Substitutes variables the way Compose does, with `lookup` answering from the `.env` file. A variable
 * the lookup does not know might come from the shell, so the result is then marked unresolved.
 */
export function resolveTemplate(
  s: string,
  lookup: (name: string) => string | undefined,
  depth = 0,
): Resolved {
  if (!s.includes('$')) return { value: s, unresolved: false, defaulted: false };
  let value = '';
  let unresolved = false;
  let defaulted = false;
  let at = 0;
  for (const t of scanTemplate(s)) {
    value += s.slice(at, t.start);
    at = t.end;
    if (t.kind === 'escape') {
      value += '$';
      continue;
    }
    if (t.kind === 'invalid' || depth > 8) {
      unresolved = true;
      continue;
    }
    const v = lookup(t.name);
    const arg = () => {
      const r = resolveTemplate(t.arg, lookup, depth + 1);
      if (r.unresolved) unresolved = true;
      if (r.defaulted) defaulted = true;
      return r.value;
    };
    if (v === undefined && t.op !== '') defaulted = true;
    switch (t.op) {
      case '':
        if (v === undefined) unresolved = true;
        value += v ?? '';
        break;
      case ':-':
        value += v !== undefined && v !== '' ? v : arg();
        break;
      case '-':
        value += v !== undefined ? v : arg();
        break;
      case ':?':
      case '?':
        if (v === undefined || (t.op === ':?' && v === '')) unresolved = true;
        value += v ?? '';
        break;
      case ':+':
      case '+':
        if (v === undefined) unresolved = true;
        else if (t.op === '+' || v !== '') value += arg();
        break;
    }
  }
  value += s.slice(at);
  return { value, unresolved, defaulted };
}

/**
 * Reads a `.env` file the way Compose does for interpolation: `KEY=VALUE` lines, an optional `export `,
 * `#` comments, single quotes literal, double quotes with `\n`-style escapes. Values are not interpolated
 * further; a value that refers to another variable is kept as written.
 */
export function parseDotEnv(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r\n|\n|\r/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][\w.-]*)\s*=(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1] as string;
    // Blanks after `=` are trimmed here: a `\s*` before `(.*)` backtracks quadratically on a long run.
    let v = (m[2] ?? '').trimStart();
    if (v.startsWith("'")) {
      const end = v.indexOf("'", 1);
      v = end > 0 ? v.slice(1, end) : v.slice(1);
    } else if (v.startsWith('"')) {
      let s = '';
      let i = 1;
      for (; i < v.length && v[i] !== '"'; i++) {
        if (v[i] === '\\' && i + 1 < v.length) {
          const e = v[++i] as string;
          s += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
        } else s += v[i];
      }
      v = s;
    } else {
      // An inline comment starts at a blank followed by `#`; found with one fixed-width search.
      const comment = /\s#/.exec(v);
      v = (comment ? v.slice(0, comment.index) : v).trim();
    }
    out.set(key, v);
  }
  return out;
}
