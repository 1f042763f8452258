/**
 * Compose variable interpolation, as compose-go's `template` package reads it: `$VAR`, `${VAR}`,
 * `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+replacement}`,
 * `${VAR+replacement}`, with nesting in the argument (`${A:-${B:-x}}`), and `$$` for a dollar sign. Its
 * pattern only matches `$` followed by `$`, a name or `{`: any other `$` (`$1`, `$(date)`, a trailing `$`,
 * `$}`) is kept as written. Only a `${` that does not form `${NAME}` or `${NAME<op>…}` closed on the same
 * line (`${}`, `${VAR`, `${VAR/x/y}`, `${ VAR}`) makes Compose fail with "invalid interpolation format".
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
  /**
   * Set when the token sits in the argument of `${name<op>…}`: Compose reads that argument, and fails,
   * only when the variable is unset (`-`, `?`) or set (`+`), so the file may well work.
   */
  within?: { name: string; op: Operator };
}

/** A `$` Compose keeps as written because no variable follows it (`$1`, `$(date)`, a trailing `$`). */
export interface LiteralToken {
  kind: 'literal';
  start: number;
  end: number;
}

export type TemplateToken = VariableToken | EscapeToken | InvalidToken | LiteralToken;

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
    out.push({ kind: 'literal', start: i, end: i + 1 });
    i = s.indexOf('$', i + 1);
  }
  return out;
}

/** `${…}` starting at `i`: a variable, or an invalid token up to where reading stopped. */
function braced(s: string, i: number): VariableToken | InvalidToken {
  let j = i + 2;
  const lineEnd = endOfLine(s, i);
  const invalid = (reason: string): InvalidToken => {
    const close = s.indexOf('}', j);
    return { kind: 'invalid', start: i, end: close >= 0 && close < lineEnd ? close + 1 : lineEnd, reason };
  };
  if (j >= s.length || !NAME_START.test(s[j] as string))
    return invalid(
      s[j] === '}' ? '`${}` names no variable' : 'a variable name must start with a letter or `_`',
    );
  while (j < s.length && NAME_CHAR.test(s[j] as string)) j++;
  const name = s.slice(i + 2, j);
  if (s[j] === '}') return { kind: 'variable', start: i, end: j + 1, name, braced: true, op: '', arg: '' };
  const op = OPERATORS.find((o) => s.startsWith(o, j));
  // compose-go's pattern reads the argument with `.*` up to a `}`: the last one on the line.
  const last = s.lastIndexOf('}', lineEnd - 1);
  if (!op || last < j)
    return invalid(
      op || s.indexOf('}', j) < 0 || s.indexOf('}', j) >= lineEnd
        ? '`${` is not closed'
        : `\`${s.slice(j, s.indexOf('}', j))}\` after \`${name}\` is not one of :- - :? ? :+ +`,
    );
  // Within that, the `${` ends at the first brace that balances it, counted as compose-go counts them.
  let depth = 0;
  let k = i + 1;
  let close = last;
  for (; k <= last; k++) {
    const c = s[k];
    if (c === '}' && --depth === 0) {
      close = k;
      break;
    }
    if (c === '{') {
      depth++;
      k++;
    }
  }
  return {
    kind: 'variable',
    start: i,
    end: close + 1,
    name,
    braced: true,
    op,
    arg: s.slice(j + op.length, close),
  };
}

function endOfLine(s: string, from: number): number {
  const n = s.indexOf('\n', from);
  return n < 0 ? s.length : n;
}

/** Whether a string holds a variable (`$VAR`, `${…}`), as opposed to none or only `$$`. */
export function hasVariables(s: string): boolean {
  if (!s.includes('$')) return false;
  return scanTemplate(s).some((t) => t.kind === 'variable');
}

/**
 * Invalid `$` constructs, including those in the argument of a `${VAR<op>…}` (marked with `within`), which
 * Compose reads only when the operator needs it.
 */
export function invalidTokens(s: string, depth = 0): InvalidToken[] {
  if (!s.includes('$') || depth > 8) return [];
  const out: InvalidToken[] = [];
  for (const t of scanTemplate(s)) {
    if (t.kind === 'invalid') out.push(t);
    else if (t.kind === 'variable' && t.arg) {
      const argStart = t.end - 1 - t.arg.length;
      for (const inner of invalidTokens(t.arg, depth + 1))
        out.push({
          ...inner,
          start: inner.start + argStart,
          end: inner.end + argStart,
          within: inner.within ?? { name: t.name, op: t.op },
        });
    }
  }
  return out;
}

/** `$` signs Compose keeps as written, at the top level of a string (not inside `${…}`). */
export function literalDollars(s: string): LiteralToken[] {
  if (!s.includes('$')) return [];
  return scanTemplate(s).filter((t): t is LiteralToken => t.kind === 'literal');
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
    if (t.kind === 'literal') {
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
