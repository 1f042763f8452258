import type { Range, TextDoc } from '../../core/text';

/**
 * A deliberately small reader for the shell bodies of RUN, CMD, ENTRYPOINT and HEALTHCHECK. It does not
 * execute or expand anything: it splits the body into simple commands and words, with the document
 * range of every word, which is what rules about apt-get, pip, curl, sudo or cd need. Anything it does
 * not understand (functions, case statements, arithmetic) stays inside words and is simply not matched.
 */

export interface ShellWord {
  /** The word with quotes removed and escapes applied; `$VAR` references are kept as written. */
  value: string;
  /** Start and end offsets in the document. */
  start: number;
  end: number;
  range: Range;
  /** True when any part of the word was quoted. */
  quoted: boolean;
}

export type Separator = '&&' | '||' | ';' | '|' | '&' | '\n' | '(' | ')' | null;

export interface ShellCommand {
  /** Every word of the simple command, redirections excluded. */
  words: ShellWord[];
  /** Index in `words` of the program actually run, after assignments and wrappers such as sudo or env. */
  nameIndex: number;
  /** Basename of the program, e.g. `apt-get`; empty when the command has only assignments. */
  name: string;
  /** Wrappers the program was run through (`sudo`, `env`, `exec`, …), by name. */
  wrappers: ShellWord[];
  /** The operator that joins this command to the previous one. */
  separatorBefore: Separator;
  separatorAfter: Separator;
  start: number;
  end: number;
  range: Range;
}

export interface ShellScript {
  commands: ShellCommand[];
  start: number;
  end: number;
  /**
   * A quote or backtick is left open at the end of the body: the shell would fail, and any text appended
   * after the last command would land inside the quote.
   */
  unterminated: boolean;
}

const WRAPPERS = new Set([
  'sudo',
  'env',
  'exec',
  'nohup',
  'time',
  'nice',
  'command',
  'doas',
  'su-exec',
  'gosu',
]);
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', '}', 'fi', 'done']);
/** Flags of wrappers that take a value, so the value is not mistaken for the program. */
const WRAPPER_VALUE_FLAGS: Record<string, Set<string>> = {
  sudo: new Set(['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U']),
  nice: new Set(['-n']),
  env: new Set(['-u', '-C', '-S']),
};

export function argsOf(cmd: ShellCommand): ShellWord[] {
  return cmd.words.slice(cmd.nameIndex + 1);
}

/** Whether the command has a flag, long (`--no-cache`) or short, including grouped short flags (`-qy`). */
export function hasFlag(cmd: ShellCommand, ...names: string[]): boolean {
  return findFlag(cmd, ...names) !== undefined;
}

export function findFlag(cmd: ShellCommand, ...names: string[]): ShellWord | undefined {
  for (const w of argsOf(cmd)) {
    const v = w.value;
    for (const n of names) {
      if (n.startsWith('--')) {
        if (v === n || v.startsWith(n + '=')) return w;
      } else if (n.length === 2 && /^-[A-Za-z0-9]+$/.test(v) && v.includes(n[1] as string)) {
        return w;
      } else if (v === n) {
        return w;
      }
    }
  }
  return undefined;
}

/** The first argument that is not a flag, for commands like `apt-get install` or `pip install`. */
export function subcommand(cmd: ShellCommand): ShellWord | undefined {
  return argsOf(cmd).find((w) => !w.value.startsWith('-'));
}

interface RawToken {
  kind: 'word' | 'op' | 'redir';
  value: string;
  /** A quote opened in this word is not closed before the body ends. */
  open?: boolean;
  start: number;
  end: number;
  quoted: boolean;
}

/**
 * Parses `doc.text[start, end)` as a shell body. `escape` is the Dockerfile escape character: an escape
 * at the end of a line continues the instruction, and comment lines inside a continuation are dropped
 * by the builder, so they are skipped here. `newlineSeparates` is true for heredoc bodies, where each
 * line is its own command.
 */
export function parseShell(
  doc: TextDoc,
  start: number,
  end: number,
  escape = '\\',
  newlineSeparates = false,
): ShellScript {
  const tokens = tokenize(doc.text, start, end, escape, newlineSeparates);
  const commands: ShellCommand[] = [];
  let words: ShellWord[] = [];
  let sepBefore: Separator = null;
  const flush = (sepAfter: Separator): void => {
    if (words.length > 0) {
      commands.push(makeCommand(doc, words, sepBefore, sepAfter));
      words = [];
    }
    sepBefore = sepAfter;
  };
  for (const t of tokens) {
    if (t.kind === 'op') flush(t.value as Separator);
    else if (t.kind === 'word')
      words.push({
        value: t.value,
        start: t.start,
        end: t.end,
        range: doc.rangeOf(t.start, t.end),
        quoted: t.quoted,
      });
  }
  flush(null);
  return { commands, start, end, unterminated: tokens.some((t) => t.open === true) };
}

function makeCommand(doc: TextDoc, words: ShellWord[], before: Separator, after: Separator): ShellCommand {
  let i = 0;
  const wrappers: ShellWord[] = [];
  while (i < words.length) {
    const w = words[i] as ShellWord;
    if (RESERVED.has(w.value) && !w.quoted) {
      i++;
      continue;
    }
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w.value)) {
      i++;
      continue;
    }
    const base = basename(w.value);
    if (WRAPPERS.has(base) && !w.quoted) {
      wrappers.push(w);
      i++;
      const valueFlags = WRAPPER_VALUE_FLAGS[base];
      while (i < words.length) {
        const f = (words[i] as ShellWord).value;
        if (f === '--') {
          i++;
          break;
        }
        if (!f.startsWith('-')) break;
        i += valueFlags?.has(f) ? 2 : 1;
      }
      continue;
    }
    break;
  }
  const first = words[0] as ShellWord;
  const last = words[words.length - 1] as ShellWord;
  const nameWord = words[i];
  return {
    words,
    nameIndex: i,
    name: nameWord ? basename(nameWord.value) : '',
    wrappers,
    separatorBefore: before,
    separatorAfter: after,
    start: first.start,
    end: last.end,
    range: doc.rangeOf(first.start, last.end),
  };
}

function basename(v: string): string {
  const i = v.lastIndexOf('/');
  return i >= 0 ? v.slice(i + 1) : v;
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

function tokenize(
  text: string,
  start: number,
  end: number,
  escape: string,
  newlineSeparates: boolean,
): RawToken[] {
  const out: RawToken[] = [];
  let i = start;
  let atLineStart = false;

  const skipContinuation = (): boolean => {
    // An escape followed by optional blanks and a line break joins lines (the builder removes both).
    if (text[i] !== escape) return false;
    let j = i + 1;
    while (isSpace(text[j])) j++;
    if (text[j] === '\r') j++;
    if (text[j] === '\n' || j >= end) {
      i = j + 1;
      atLineStart = true;
      return true;
    }
    return false;
  };

  while (i < end) {
    const c = text[i] as string;
    if (atLineStart) {
      // Comment lines inside a continued instruction are removed by the builder before the shell runs.
      let j = i;
      while (j < end && isSpace(text[j])) j++;
      if (text[j] === '#' && !newlineSeparates) {
        while (j < end && text[j] !== '\n') j++;
        i = j + 1;
        continue;
      }
      atLineStart = false;
    }
    if (isSpace(c) || c === '\r') {
      i++;
      continue;
    }
    if (c === '\n') {
      if (newlineSeparates) out.push({ kind: 'op', value: '\n', start: i, end: i + 1, quoted: false });
      i++;
      atLineStart = true;
      continue;
    }
    if (escape !== '\\' && skipContinuation()) continue;
    if (c === '\\' && skipContinuation()) continue;
    if (c === '#') {
      while (i < end && text[i] !== '\n') i++;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '&&' || two === '||') {
      out.push({ kind: 'op', value: two, start: i, end: i + 2, quoted: false });
      i += 2;
      continue;
    }
    if (c === ';' || c === '|' || c === '&' || c === '(' || c === ')') {
      // `;;` and `|&` are rare enough to be read as their first character.
      out.push({ kind: 'op', value: c, start: i, end: i + 1, quoted: false });
      i++;
      continue;
    }
    const redir = /^[0-9]*(?:>>|>&|&>|>\||<<<|<<-|<<|<&|<>|>|<)/.exec(text.slice(i, Math.min(end, i + 6)));
    if (redir) {
      i += redir[0].length;
      while (i < end && isSpace(text[i])) i++;
      // The target of a redirection is not an argument of the command.
      const target = readWord(text, i, end, escape);
      // Kept out of the command's words, but a quote it leaves open still ends the script open.
      if (target.open)
        out.push({ kind: 'redir', value: target.value, start: i, end: target.end, quoted: true, open: true });
      i = target.end;
      continue;
    }
    const w = readWord(text, i, end, escape);
    if (w.end === i) {
      i++;
      continue;
    }
    out.push({ kind: 'word', value: w.value, start: i, end: w.end, quoted: w.quoted, open: w.open });
    i = w.end;
  }
  return out;
}

function readWord(
  text: string,
  i: number,
  end: number,
  escape: string,
): { value: string; end: number; quoted: boolean; open: boolean } {
  let value = '';
  let quoted = false;
  let open = false;
  while (i < end) {
    const c = text[i] as string;
    if (
      isSpace(c) ||
      c === '\n' ||
      c === '\r' ||
      c === ';' ||
      c === '&' ||
      c === '|' ||
      c === ')' ||
      c === '('
    ) {
      if (c === '(' && text[i - 1] === '$') {
        // handled below; unreachable because `$(` is consumed with the dollar
      }
      break;
    }
    if (c === '<' || c === '>') break;
    if (c === '\\') {
      // Line continuation inside a word ends the word; other escapes keep the next character.
      const n = text[i + 1];
      if (n === '\n' || n === '\r' || (escape === '\\' && n === undefined)) break;
      if (n !== undefined) value += n;
      i += 2;
      continue;
    }
    if (c === "'") {
      quoted = true;
      const close = text.indexOf("'", i + 1);
      const stop = close < 0 || close >= end ? end : close;
      if (stop === end) open = true;
      value += text.slice(i + 1, stop);
      i = stop + 1;
      continue;
    }
    if (c === '"') {
      quoted = true;
      i++;
      while (i < end && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < end) {
          const n = text[i + 1] as string;
          if (n === '\n') {
            i += 2;
            continue;
          }
          value += '"\\$`'.includes(n) ? n : '\\' + n;
          i += 2;
          continue;
        }
        if (text[i] === '$' && text[i + 1] === '(') {
          const e = skipBalanced(text, i + 1, end, '(', ')');
          value += text.slice(i, e);
          i = e;
          continue;
        }
        value += text[i];
        i++;
      }
      if (i >= end) open = true;
      i++;
      continue;
    }
    if (c === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) {
      const opener = text[i + 1] as string;
      const closer = opener === '(' ? ')' : '}';
      const e = skipBalanced(text, i + 1, end, opener, closer);
      if (e >= end && text[end - 1] !== closer) open = true;
      value += text.slice(i, e);
      i = e;
      continue;
    }
    if (c === '`') {
      const close = text.indexOf('`', i + 1);
      const stop = close < 0 || close >= end ? end : close + 1;
      if (close < 0 || close >= end) open = true;
      value += text.slice(i, stop);
      i = stop;
      continue;
    }
    value += c;
    i++;
  }
  return { value, end: Math.min(i, end), quoted, open };
}

function skipBalanced(text: string, i: number, end: number, open: string, close: string): number {
  let depth = 0;
  while (i < end) {
    const c = text[i];
    if (c === open) depth++;
    else if (c === close) {
      depth--;
      if (depth === 0) return i + 1;
    } else if (c === "'" || c === '"') {
      const q = text.indexOf(c, i + 1);
      i = q < 0 || q >= end ? end : q;
    }
    i++;
  }
  return end;
}
