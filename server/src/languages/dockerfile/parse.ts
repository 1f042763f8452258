import { pushAll } from '../../core/arrays';
import {
  DockerfileParser,
  type Arg,
  type Env,
  type Flag,
  type Instruction,
  type JSONInstruction,
  type Label,
  type Onbuild,
  type Property,
  type Heredoc,
} from 'dockerfile-ast';
import { TextDoc, type Position, type Range } from '../../core/text';
import { resolveImage, substitute, type VarScope } from './image';
import type {
  DComment,
  DFlag,
  DHeredoc,
  DInstruction,
  DockerfileModel,
  DProperty,
  Stage,
  Token,
} from './model';
import { parseShell } from './shell';
import { builderErrors, VALID_STAGE_NAME } from './builder';
import { syntaxErrorsOf, type SyntaxError } from './syntax';
import { splitTriggerErrors } from './triggers';

const KEYWORDS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER',
  'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]); // prettier-ignore

const JSON_FORM = new Set(['CMD', 'ENTRYPOINT', 'RUN', 'SHELL', 'COPY', 'ADD', 'VOLUME']);
const SHELL_FORM = new Set(['RUN', 'CMD', 'ENTRYPOINT']);

/**
 * A chunk is a run of whole instructions, parsed on its own by dockerfile-ast. Parsing costs about 10 µs
 * a line, so a 2,000-line file would spend 20 ms per keystroke; with chunks cached by their text, an edit
 * re-parses only the chunk it touches. Chunk boundaries are lines that start an instruction for certain:
 * an instruction keyword at the start of a line, outside a heredoc, after a line that does not continue.
 * Which of those lines start a chunk depends on the line's own text (a hash), not on its distance from the
 * top: a line typed or deleted above leaves the chunks below as they were, so they are moved, not parsed.
 */
interface ParsedChunk {
  instructions: DInstruction[];
  comments: DComment[];
  syntaxErrors: SyntaxError[];
  /** An unterminated heredoc or continuation ran to the chunk's end: the boundary after it was wrong. */
  open: boolean;
  /** Every distinct position object of the chunk, so that moving the chunk is a loop, not a copy. */
  positions: Position[];
  /** Every shell object with document offsets. */
  offsets: { start: number; end: number }[];
}

interface CachedChunk {
  chunk: ParsedChunk;
  /** Parsed as the file's first chunk (line 0 may hold parser directives). */
  head: boolean;
  /** The document line and offset that line 0, offset 0 of the chunk's own source currently map to. */
  baseLine: number;
  baseOffset: number;
}

export interface ParseCache {
  /** By the chunk's text (not copied into a longer key: an edit looks up every chunk of the file). */
  chunks: Map<string, CachedChunk>;
  /** The escape character the chunks were parsed with. */
  escape: string;
  /**
   * How many times cached chunks were moved. A model parsed before a move shares the moved objects, so
   * its lazily built fixes must not be trusted (the engine builds them again from a fresh parse).
   */
  moves: number;
}

export function createParseCache(): ParseCache {
  return { chunks: new Map(), escape: '\\', moves: 0 };
}

/** Chunks are at least this many lines long, and at most about MAX_CHUNK_LINES unless one instruction is longer. */
const MIN_CHUNK_LINES = 6;
const MAX_CHUNK_LINES = 40;
/** About one instruction line in this many starts a chunk. */
const CHUNK_SPREAD = 8;

/** Whether an instruction line starts a chunk, by its text alone (FNV-1a), so the choice survives edits elsewhere. */
function startsChunk(text: string, start: number, end: number): boolean {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0) % CHUNK_SPREAD === 0;
}

export function parseDockerfile(text: string, cache: ParseCache = createParseCache()): DockerfileModel {
  const doc = new TextDoc(text);
  const escapeChar = detectEscape(text);
  const lineCount = doc.lineCount;
  const boundaries = chunkBoundaries(doc, escapeChar);
  const instructions: DInstruction[] = [];
  const comments: DComment[] = [];
  const syntaxErrors: SyntaxError[] = [];
  const used = new Map<string, CachedChunk>();
  if (cache.escape !== escapeChar) {
    cache.chunks = new Map();
    cache.escape = escapeChar;
  }

  let bi = 0;
  while (bi < boundaries.length) {
    const startLine = boundaries[bi] as number;
    let endIdx = bi + 1;
    let step = 1;
    let entry: CachedChunk;
    // Merge with the following chunks while the parse says the boundary after this one was not real,
    // taking twice as many each time: an unterminated heredoc swallows the rest of the file, and merging
    // one chunk at a time would re-parse it once per chunk below.
    for (;;) {
      const endLine = endIdx < boundaries.length ? (boundaries[endIdx] as number) : lineCount;
      const startOffset = doc.lineStart(startLine);
      const chunkText = text.slice(startOffset, endLine >= lineCount ? text.length : doc.lineStart(endLine));
      const head = startLine === 0;
      // A chunk whose text repeats earlier in the same file needs objects of its own.
      const known = used.has(chunkText) ? undefined : cache.chunks.get(chunkText);
      const cached = known?.head === head ? known : undefined;
      const prefix = startLine > 0 && escapeChar !== '\\' ? ESCAPE_PREFIX : '';
      entry = cached ?? {
        chunk: parseChunk(prefix, chunkText, escapeChar),
        head,
        baseLine: 0,
        baseOffset: 0,
      };
      // Objects are moved in place, and only when text above the chunk changed length: typing within a
      // line moves the chunks below it by offset only, a loop over a few integers.
      if (moveChunk(entry, startLine - (prefix ? 1 : 0), startOffset - prefix.length)) cache.moves++;
      if (!used.has(chunkText)) used.set(chunkText, entry);
      if (!entry.chunk.open || endIdx >= boundaries.length) break;
      endIdx = Math.min(boundaries.length, endIdx + step);
      step *= 2;
    }
    pushAll(instructions, entry.chunk.instructions);
    pushAll(comments, entry.chunk.comments);
    pushAll(syntaxErrors, entry.chunk.syntaxErrors);
    bi = endIdx;
  }
  cache.chunks = used;
  return buildModel(doc, escapeChar, instructions, comments, syntaxErrors);
}

function detectEscape(text: string): string {
  // Parser directives come first, before any blank line, comment text or instruction.
  const m =
    /^\uFEFF?(?:[ \t]*#[ \t]*[a-zA-Z]+[ \t]*=[^\n]*\n)*?[ \t]*#[ \t]*escape[ \t]*=[ \t]*([\\`])[ \t]*\r?$/im.exec(
      text.slice(0, 2000),
    );
  return m?.[1] === '`' ? '`' : '\\';
}

function chunkBoundaries(doc: TextDoc, escape: string): number[] {
  const out = [0];
  const n = doc.lineCount;
  const text = doc.text;
  let continued = false;
  let heredocEnds: string[] = [];
  let lastBoundary = 0;
  // This runs over the whole file on every keystroke: lines are read by offsets, and the regular
  // expressions run only on lines that can match them.
  for (let line = 0; line < n; line++) {
    const start = doc.lineStart(line);
    const end = doc.lineEnd(line);
    if (heredocEnds.length > 0) {
      const t = text.slice(start, end);
      const trimmed = t.replace(/^\t+/, '').trimEnd();
      if (trimmed === heredocEnds[0]) heredocEnds = heredocEnds.slice(1);
      continue;
    }
    let first = start;
    while (first < end && isBlank(text.charCodeAt(first))) first++;
    let last = end;
    while (last > first && isBlank(text.charCodeAt(last - 1))) last--;
    const t = text.slice(start, end);
    // Other Unicode spaces (rare) are trimmed exactly as String.prototype.trim does.
    const trimmed =
      first < last && (text.charCodeAt(first) > 127 || text.charCodeAt(last - 1) > 127) ? t.trim() : null;
    if (
      trimmed === null
        ? first === last || text.charCodeAt(first) === 35
        : trimmed === '' || trimmed[0] === '#'
    )
      continue;
    const since = line - lastBoundary;
    if (
      !continued &&
      isLetter(text.charCodeAt(first)) &&
      since >= MIN_CHUNK_LINES &&
      (since >= MAX_CHUNK_LINES || startsChunk(text, first, last))
    ) {
      const kw = /^\s*([A-Za-z]+)(\s|$)/.exec(t)?.[1]?.toUpperCase();
      if (kw && KEYWORDS.has(kw)) {
        out.push(line);
        lastBoundary = line;
      }
    }
    if (t.includes('<<')) {
      const docs = [...t.matchAll(/<<-?\s*["']?([A-Za-z_][A-Za-z0-9_]*)["']?/g)];
      if (docs.length > 0 && /^\s*(?:ONBUILD\s+)?(RUN|COPY|ADD)\b/i.test(t))
        heredocEnds = docs.map((m) => m[1] as string);
    }
    continued = trimmed === null ? text.endsWith(escape, last) : trimmed.endsWith(escape);
  }
  return out;
}

/** What `String.prototype.trim` removes that a Dockerfile line can hold (besides rarer Unicode spaces). */
function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** A chunk after the first must still know a non-default escape character. */
const ESCAPE_PREFIX = '# escape=`\n';

/** Moves a cached chunk's objects to where its text now is; true when they moved. */
function moveChunk(entry: CachedChunk, baseLine: number, baseOffset: number): boolean {
  const dl = baseLine - entry.baseLine;
  const dof = baseOffset - entry.baseOffset;
  if (dl !== 0) for (const p of entry.chunk.positions) p.line += dl;
  if (dof !== 0)
    for (const o of entry.chunk.offsets) {
      o.start += dof;
      o.end += dof;
    }
  entry.baseLine = baseLine;
  entry.baseOffset = baseOffset;
  return dl !== 0 || dof !== 0;
}

/**
 * Calls into dockerfile-ast that throw (its heredoc reader has, on `RUN echo a \` followed by `  \#x`)
 * must cost the instruction its own details only, never the analysis of the file.
 */
function attempt<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

function parseChunk(prefix: string, chunkText: string, escape: string): ParsedChunk {
  const source = prefix + chunkText;
  const df = attempt(() => DockerfileParser.parse(source), null);
  const doc = new TextDoc(source);
  const instructions: DInstruction[] = [];
  const lines: [number, number][] = [];
  const badNames: Range[] = [];
  let open = false;
  for (const ins of attempt(() => df?.getInstructions() ?? [], [])) {
    const d = attempt(() => convert(ins, doc, true), null) ?? attempt(() => convert(ins, doc, false), null);
    if (!d) continue;
    d.shell = attempt(() => shellOf(d, doc, escape), null);
    if (d.keyword === 'ONBUILD') d.trigger = attempt(() => triggerOf(ins as Onbuild, doc, escape), null);
    instructions.push(d);
    lines.push([d.range.start.line, d.range.end.line]);
    for (const h of [...d.heredocs, ...(d.trigger?.heredocs ?? [])])
      if (!h.contentRange && h.name) open = true;
    const name = d.keyword === 'FROM' && d.args.length === 3 ? d.args[2] : undefined;
    if (name && !VALID_STAGE_NAME.test(name.value.toLowerCase())) badNames.push(name.range);
  }
  const last = instructions[instructions.length - 1];
  if (last) {
    const lastLine = doc.lineText(last.range.end.line).trimEnd();
    if (
      last.range.end.line >= doc.lineCount - 2 &&
      lastLine.endsWith(escape) &&
      !lastLine.trimStart().startsWith('#')
    )
      open = true;
  }
  const comments: DComment[] = attempt(
    () => (df?.getComments() ?? []).map((c) => ({ text: c.getContent(), range: c.getRange() })),
    [],
  );
  const keep = prefix ? 1 : 0;
  const syntaxErrors = splitTriggerErrors(
    instructions,
    syntaxErrorsOf(masked(source, doc, badNames, escape), lines, keep, escape).filter(
      (e) => e.range.start.line >= keep,
    ),
  );
  const positions = new Set<Position>();
  const offsets = new Set<{ start: number; end: number }>();
  collectPositions({ instructions, comments, syntaxErrors }, positions);
  for (const ins of instructions)
    for (const { shell } of ins.trigger ? [ins, ins.trigger] : [ins]) {
      if (!shell) continue;
      offsets.add(shell);
      for (const c of shell.commands) {
        offsets.add(c);
        for (const w of c.words) offsets.add(w);
        for (const w of c.wrappers) offsets.add(w);
      }
    }
  return { instructions, comments, syntaxErrors, open, positions: [...positions], offsets: [...offsets] };
}

/**
 * The source with invalid stage names replaced by letters, line breaks kept. dockerfile-utils tests stage
 * names with `/^[a-z]([a-z0-9_\-.]*)*$/`, which backtracks exponentially on a long name that fails
 * (`AS xxxxxxxxxxxxxxxxxxxxxxxxxx$`: 2.6 s, doubling per character); `builder.ts` reports those names.
 */
function masked(source: string, doc: TextDoc, ranges: Range[], escape: string): string {
  if (ranges.length === 0) return source;
  const chars = source.split('');
  for (const r of ranges) {
    const end = doc.offsetAt(r.end);
    for (let i = doc.offsetAt(r.start); i < end; i++) {
      const c = chars[i];
      if (c === '\n' || c === '\r') continue;
      // An escaped line break inside the name stays one, so the instruction keeps its lines.
      if (c === escape) {
        let j = i + 1;
        while (source[j] === ' ' || source[j] === '\t') j++;
        if (source[j] === '\r' || source[j] === '\n' || j >= source.length) continue;
      }
      chars[i] = 'a';
    }
  }
  return chars.join('');
}

function collectPositions(value: unknown, out: Set<Position>): void {
  if (Array.isArray(value)) {
    for (const v of value) collectPositions(v, out);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  if (typeof o.line === 'number' && typeof o.character === 'number') {
    out.add(o as unknown as Position);
    return;
  }
  for (const k in o) collectPositions(o[k], out);
}

/** dockerfile-ast drops spaces inside JSON strings, so the string is read from the document instead. */
function jsonValue(doc: TextDoc, range: Range, fallback: string): string {
  try {
    const v: unknown = JSON.parse(doc.getText(range));
    return typeof v === 'string' ? v : fallback;
  } catch {
    return fallback;
  }
}

function tok(value: string, range: Range): Token {
  return { value, range };
}

function flagOf(f: Flag): DFlag {
  return { name: f.getName(), value: f.getValue(), range: f.getRange(), valueRange: f.getValueRange() };
}

function propOf(p: Property): DProperty {
  // getValue() is the unquoted, unescaped value; getUnescapedValue() returns the text as written.
  return {
    name: p.getName(),
    nameRange: p.getNameRange(),
    value: p.getValue(),
    valueRange: p.getValueRange(),
  };
}

function heredocOf(h: Heredoc, doc: TextDoc): DHeredoc {
  const cr = h.getContentRange();
  return {
    name: h.getName(),
    nameRange: h.getNameRange(),
    contentRange: cr,
    content: cr ? doc.getText(cr) : '',
  };
}

function convert(ins: Instruction, doc: TextDoc, withHeredocs: boolean): DInstruction {
  const keyword = ins.getKeyword().toUpperCase();
  const withFlags = ins as Instruction & { getFlags?: () => Flag[] };
  const flags = typeof withFlags.getFlags === 'function' ? withFlags.getFlags().map(flagOf) : [];
  let json: Token[] | null = null;
  if (JSON_FORM.has(keyword)) {
    const j = ins as JSONInstruction;
    if (typeof j.getOpeningBracket === 'function' && j.getOpeningBracket() && j.getClosingBracket())
      json = j.getJSONStrings().map((s) => tok(jsonValue(doc, s.getRange(), s.getJSONValue()), s.getRange()));
  }
  const hasHeredocs = ins as Instruction & { getHeredocs?: () => Heredoc[] };
  const heredocs =
    withHeredocs &&
    (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD') &&
    typeof hasHeredocs.getHeredocs === 'function'
      ? hasHeredocs.getHeredocs().map((h) => heredocOf(h, doc))
      : [];
  let properties: DProperty[] = [];
  if (keyword === 'ARG') {
    const p = (ins as Arg).getProperty();
    properties = p ? [propOf(p)] : [];
  } else if (keyword === 'ENV' || keyword === 'LABEL') {
    properties = (ins as Env | Label).getProperties().map(propOf);
  }
  const argsRange = ins.getArgumentsRange();
  const d: DInstruction = {
    keyword,
    range: ins.getRange(),
    keywordRange: ins.getInstructionRange(),
    argsRange,
    args: ins.getArguments().map((a) => tok(a.getValue(), a.getRange())),
    flags,
    json,
    heredocs,
    properties,
    stage: -1,
    shell: null,
  };
  return d;
}

/** The instruction an ONBUILD registers, read like one of its own (ranges in the document). */
function triggerOf(ins: Onbuild, doc: TextDoc, escape: string): DInstruction | null {
  const t = ins.getTriggerInstruction();
  if (!t) return null;
  const d = attempt(() => convert(t, doc, true), null) ?? convert(t, doc, false);
  d.shell = attempt(() => shellOf(d, doc, escape), null);
  return d;
}

/** The shell body of RUN, CMD and ENTRYPOINT in shell form, and of HEALTHCHECK CMD. */
function shellOf(d: DInstruction, doc: TextDoc, escape: string): DInstruction['shell'] {
  if (d.json) return null;
  if (d.keyword === 'RUN' && d.heredocs.length > 0) {
    const h = d.heredocs[0] as DHeredoc;
    const first = d.args[0];
    // `RUN <<EOF` (or `RUN bash <<EOF`) runs the heredoc as the script: each of its lines is a command.
    // Otherwise (`RUN cat <<EOF > /etc/x && apt-get …`) the heredoc is data and the RUN line is the script.
    const isScript =
      first &&
      (first.value.startsWith('<<') ||
        (/^(ba|da|z|k)?sh$/.test(first.value) && d.args[1]?.value.startsWith('<<')));
    if (isScript) {
      if (!h.contentRange) return null;
      return parseShell(
        doc,
        doc.offsetAt(h.contentRange.start),
        doc.offsetAt(h.contentRange.end),
        escape,
        true,
      );
    }
    if (!first || !h.contentRange) return null;
    return parseShell(doc, doc.offsetAt(first.range.start), doc.lineEnd(first.range.start.line), escape);
  }
  if (SHELL_FORM.has(d.keyword)) {
    const first = d.args[0];
    if (!first) return null;
    const start = doc.offsetAt(first.range.start);
    const end = doc.offsetAt(d.range.end);
    return parseShell(doc, start, end, escape);
  }
  if (d.keyword === 'HEALTHCHECK') {
    const sub = d.args[0];
    if (!sub || sub.value.toUpperCase() !== 'CMD') return null;
    const next = d.args[1];
    if (!next || next.value.startsWith('[')) return null;
    return parseShell(doc, doc.offsetAt(next.range.start), doc.offsetAt(d.range.end), escape);
  }
  return null;
}

function buildModel(
  doc: TextDoc,
  escapeChar: string,
  instructions: DInstruction[],
  comments: DComment[],
  syntaxErrors: SyntaxError[],
): DockerfileModel {
  const stages: Stage[] = [];
  const globalArgs: DInstruction[] = [];
  const globalScope: VarScope = new Map();
  /** The first stage of each name (a map, not a search: a file may have thousands of stages). */
  const byName = new Map<string, Stage>();
  let current: Stage | null = null;
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const stageArg = stageNameOf(ins);
      const imageTok = ins.args[0];
      const image = imageTok ? resolveImage(imageTok.value, imageTok.range, globalScope) : null;
      const parentName = image?.resolved?.toLowerCase();
      const parent = parentName ? (byName.get(parentName) ?? null) : null;
      current = {
        index: stages.length,
        name: stageArg?.value.toLowerCase() ?? null,
        nameRange: stageArg?.range ?? null,
        from: ins,
        image,
        parent,
        instructions: [],
      };
      stages.push(current);
      if (current.name !== null && !byName.has(current.name)) byName.set(current.name, current);
    }
    if (current) {
      ins.stage = current.index;
      current.instructions.push(ins);
    } else {
      ins.stage = -1;
      if (ins.keyword === 'ARG') {
        globalArgs.push(ins);
        for (const p of ins.properties)
          globalScope.set(p.name, p.value === null ? null : substitute(p.value, globalScope));
      }
    }
  }
  const start = { start: doc.positionAt(0), end: doc.positionAt(0) };
  pushAll(syntaxErrors, builderErrors(instructions, start));
  return { doc, escapeChar, instructions, stages, globalArgs, comments, problems: [], syntaxErrors };
}

function stageNameOf(from: DInstruction): Token | undefined {
  const asIdx = from.args.findIndex((a, i) => i > 0 && a.value.toUpperCase() === 'AS');
  return asIdx > 0 ? from.args[asIdx + 1] : undefined;
}
