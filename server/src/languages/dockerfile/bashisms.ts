import type { TextDoc } from '../../core/text';
import type { Run } from './runs';
import { argsOf, type ShellWord } from './shell';
import type { ShellKind } from './stage-shell';

/**
 * Syntax of bash (and ksh) that a POSIX `/bin/sh` does not have, found in a RUN's script: what the
 * `bashism-in-sh` rule reports. Each finding says which shells lack it: dash (Debian, Ubuntu) lacks all of
 * them; BusyBox ash (Alpine), built with its bash compatibility, has `[[`, `source`, `==`, `<<<` and
 * `function`, but neither arrays nor brace expansion.
 */

export type Bashism =
  'double-bracket' | 'source' | 'double-equals' | 'array' | 'here-string' | 'brace' | 'function';

export interface BashismFinding {
  kind: Bashism;
  start: number;
  end: number;
  /** The word to replace and its POSIX spelling, when there is one (`source` → `.`, `==` → `=`). */
  replacement?: { word: ShellWord; text: string };
}

const ASH_LACKS = new Set<Bashism>(['array', 'brace']);

export function lacks(shell: ShellKind, kind: Bashism): boolean {
  return shell === 'dash' || (shell === 'ash' && ASH_LACKS.has(kind));
}

/** `{a,b}` or `{1..3}` outside `${…}`: a brace expansion, in the text of an unquoted word. */
function hasBraceExpansion(word: string): boolean {
  for (let i = word.indexOf('{'); i >= 0; i = word.indexOf('{', i + 1)) {
    if (i > 0 && (word[i - 1] === '$' || word[i - 1] === '\\')) continue;
    const close = word.indexOf('}', i + 1);
    if (close < 0) return false;
    const inner = word.slice(i + 1, close);
    if (!/[\s{$'"]/.test(inner) && (inner.includes(',') || inner.includes('..'))) return true;
  }
  return false;
}

export function bashismsIn(doc: TextDoc, run: Run): BashismFinding[] {
  const out: BashismFinding[] = [];
  for (const cmd of run.script.commands) {
    const name = cmd.words[cmd.nameIndex];
    if (name && !name.quoted) {
      if (cmd.name === '[[') out.push({ kind: 'double-bracket', start: name.start, end: name.end });
      else if (cmd.name === 'source')
        out.push({
          kind: 'source',
          start: name.start,
          end: name.end,
          replacement: { word: name, text: '.' },
        });
      else if (cmd.name === 'function' && name.value === 'function')
        out.push({ kind: 'function', start: name.start, end: name.end });
      else if (cmd.name === '[' || cmd.name === 'test')
        for (const w of argsOf(cmd))
          if (!w.quoted && w.value === '==')
            out.push({
              kind: 'double-equals',
              start: w.start,
              end: w.end,
              replacement: { word: w, text: '=' },
            });
    }
    // `a=(1 2)`: the reader stops the word at `(`, so an assignment ends the command and a `(` follows.
    const last = cmd.words[cmd.words.length - 1];
    if (last && !last.quoted && cmd.separatorAfter === '(' && /^[A-Za-z_]\w*\+?=$/.test(last.value))
      out.push({ kind: 'array', start: last.start, end: last.end });
    for (const w of cmd.words)
      // A brace in the word's text is one in its value too (`\{` reads `{`): most words have none.
      if (!w.quoted && w.value.includes('{') && hasBraceExpansion(doc.text.slice(w.start, w.end)))
        out.push({ kind: 'brace', start: w.start, end: w.end });
  }
  // Here-strings are redirections, which the command reader drops: look for `<<<` outside quotes.
  const text = doc.text;
  const first = text.indexOf('<<<', run.script.start);
  if (first < 0 || first >= run.script.end) return out;
  let quote = '';
  for (let i = run.script.start; i < run.script.end; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '\\') i++;
    else if (c === "'" || c === '"') quote = c;
    else if (c === '<' && text.startsWith('<<<', i)) {
      out.push({ kind: 'here-string', start: i, end: i + 3 });
      i += 2;
    }
  }
  return out;
}
