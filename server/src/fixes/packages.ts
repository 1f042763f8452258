import type { TextDoc, TextEdit } from '../core/text';
import type { DInstruction, ShellCommand, ShellWord } from '../languages/dockerfile';
import { hasKeyword, RESERVED_WORDS, type Run } from '../languages/dockerfile/runs';
import { deleteLines, insertAt, replace } from './text';

/** The edits the package-manager fixes make (apt, apk, pip); the queries they rely on are in `languages/dockerfile/runs.ts`. */

// ---------------------------------------------------------------------------------------------------------
// Edits

/** Inserts text right after a word (for a flag after a subcommand: `install` → `install -y`). */
export function insertAfterWord(doc: TextDoc, word: ShellWord, text: string): TextEdit {
  return insertAt(doc.positionAt(word.end), text);
}

const REDIRECT = /^[ \t]*[0-9]*(?:>>|>&|&>|>\||<<<|>|<)[ \t]*(?:"[^"]*"|'[^']*'|[^\s;&|()#"'])+/;

/** The offset after a command's trailing redirections (`… > /dev/null 2>&1`). */
export function endWithRedirects(text: string, offset: number, limit: number): number {
  let i = offset;
  for (;;) {
    const m = REDIRECT.exec(text.slice(i, limit));
    if (!m) return i;
    i += m[0].length;
  }
}

/**
 * Appends a command at the end of a RUN: ` && <command>` after its last command (and that command's
 * redirections), or, for a heredoc script, a new last line of the body. Undefined when the RUN ends in a
 * way an appended command would change (a background `&`).
 */
export function appendCommand(doc: TextDoc, run: Run, command: string): TextEdit | undefined {
  const cmds = run.script.commands;
  const last = cmds[cmds.length - 1];
  // Text appended after an open quote would become part of the quoted string.
  if (!last || run.script.unterminated) return undefined;
  if (run.heredoc) {
    const content = run.heredoc.contentRange;
    if (!content) return undefined;
    const line = doc.positionAt(last.start).line;
    return insertAt(content.end, doc.eol + doc.indentOf(line) + command);
  }
  if (last.separatorAfter === '&') return undefined;
  const at = endWithRedirects(doc.text, last.end, run.script.end);
  return insertAt(doc.positionAt(at), ` && ${command}`);
}

/** The first word of a command that is not a compound-command keyword it is allowed to follow. */
function firstProgramWord(cmd: ShellCommand): ShellWord | undefined {
  for (const w of cmd.words) {
    if (!w.quoted && ['then', 'do', 'else', '{'].includes(w.value)) continue;
    if (!w.quoted && RESERVED_WORDS.has(w.value)) return undefined;
    return w;
  }
  return undefined;
}

/**
 * Inserts `<prefix> && ` before a command of a RUN, so that it runs first in the same chain. For a
 * command at the end of a pipeline the prefix goes before the pipeline. Undefined when the command follows
 * `||` or a keyword such as `if` or `while`, where the prefix would change what runs.
 */
export function prefixCommand(doc: TextDoc, run: Run, index: number, prefix: string): TextEdit | undefined {
  const cmds = run.script.commands;
  let i = index;
  while (i > 0 && cmds[i]?.separatorBefore === '|') i--;
  const cmd = cmds[i];
  if (!cmd || cmd.separatorBefore === '||' || cmd.separatorBefore === '|') return undefined;
  const w = firstProgramWord(cmd);
  if (!w) return undefined;
  return insertAt(doc.positionAt(w.start), `${prefix} && `);
}

/** The source text of a command from its first program word, words joined by single spaces. */
export function commandText(doc: TextDoc, cmd: ShellCommand): string | undefined {
  const first = firstProgramWord(cmd);
  if (!first) return undefined;
  const from = cmd.words.indexOf(first);
  return cmd.words
    .slice(from)
    .map((w) => doc.text.slice(w.start, w.end))
    .join(' ');
}

function isBlank(c: string | undefined, escape: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === escape;
}

/**
 * Removes one command from a RUN together with the `&&` or `;` that joins it to its neighbours: the
 * whole line in a heredoc script, `cmd && ` before a following command, ` && cmd` after a preceding one.
 * Undefined when the command sits in a construct a removal could break (pipes, `||`, `if`/`fi`, subshells).
 */
export function removeCommand(doc: TextDoc, run: Run, index: number, escape: string): TextEdit | undefined {
  const cmds = run.script.commands;
  const cmd = cmds[index];
  if (!cmd) return undefined;
  const plain = (s: ShellCommand['separatorBefore']): boolean =>
    s === null || s === '&&' || s === ';' || s === '\n';
  if (!plain(cmd.separatorBefore) || !plain(cmd.separatorAfter)) return undefined;
  if (hasKeyword(cmd)) return undefined;
  const text = doc.text;
  const end = endWithRedirects(text, cmd.end, run.script.end);
  const start = doc.positionAt(cmd.start);
  const last = doc.positionAt(end);
  // A heredoc line of its own: delete the line.
  if (
    run.heredoc &&
    (cmd.separatorBefore === null || cmd.separatorBefore === '\n') &&
    (cmd.separatorAfter === null || cmd.separatorAfter === '\n') &&
    /^[ \t]*$/.test(text.slice(doc.lineStart(start.line), cmd.start)) &&
    /^[ \t]*(?:#.*)?$/.test(text.slice(end, doc.lineEnd(last.line)))
  )
    return deleteLines(doc, start.line, last.line);
  const next = cmds[index + 1];
  if (next && cmd.separatorAfter !== '\n') {
    if (hasKeyword(next)) return undefined;
    return replace(doc.rangeOf(cmd.start, next.start), '');
  }
  const prev = cmds[index - 1];
  if (!prev || cmd.separatorBefore === '\n' || cmd.separatorBefore === null) return undefined;
  let i = cmd.start;
  while (i > 0 && isBlank(text[i - 1], escape)) i--;
  if (text.slice(i - 2, i) === '&&') i -= 2;
  else if (text[i - 1] === ';') i -= 1;
  else return undefined;
  while (i > 0 && isBlank(text[i - 1], escape)) i--;
  return replace(doc.rangeOf(i, end), '');
}

/** Deletes the lines of a whole instruction. */
export function deleteInstruction(doc: TextDoc, ins: DInstruction): TextEdit {
  return deleteLines(doc, ins.range.start.line, ins.range.end.line);
}
