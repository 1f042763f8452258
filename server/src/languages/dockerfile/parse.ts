import {
  DockerfileParser,
  type Arg,
  type Env,
  type Flag,
  type Instruction,
  type JSONInstruction,
  type Label,
  type Property,
  type Heredoc,
} from 'dockerfile-ast';
import { TextDoc, type Range } from '../../core/text';
import { resolveImage, type VarScope } from './image';
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
import { syntaxErrorsOf } from './syntax';

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
 */
interface ParsedChunk {
  instructions: DInstruction[];
  comments: DComment[];
  syntaxErrors: { message: string; range: Range }[];
  /** An unterminated heredoc or continuation ran to the chunk's end: the boundary after it was wrong. */
  open: boolean;
}

export interface ParseCache {
  chunks: Map<string, ParsedChunk>;
}

export function createParseCache(): ParseCache {
  return { chunks: new Map() };
}

const MIN_CHUNK_LINES = 24;

export function parseDockerfile(text: string, cache: ParseCache = createParseCache()): DockerfileModel {
  const doc = new TextDoc(text);
  const escapeChar = detectEscape(text);
  const lineCount = doc.lineCount;
  const boundaries = chunkBoundaries(doc, escapeChar);
  const instructions: DInstruction[] = [];
  const comments: DComment[] = [];
  const syntaxErrors: { message: string; range: Range }[] = [];
  const used = new Map<string, ParsedChunk>();

  let bi = 0;
  while (bi < boundaries.length) {
    const startLine = boundaries[bi] as number;
    let endIdx = bi + 1;
    let chunk: ParsedChunk | undefined;
    let chunkText = '';
    // Merge with the following chunks while the parse says the boundary after this one was not real.
    for (;;) {
      const endLine = endIdx < boundaries.length ? (boundaries[endIdx] as number) : lineCount;
      chunkText = text.slice(
        doc.lineStart(startLine),
        endLine >= lineCount ? text.length : doc.lineStart(endLine),
      );
      const key = `${escapeChar}${startLine === 0 ? 'H' : 'B'}${chunkText}`;
      chunk = cache.chunks.get(key) ?? used.get(key);
      if (!chunk) chunk = parseChunk(chunkText, escapeChar, startLine === 0);
      used.set(key, chunk);
      if (!chunk.open || endIdx >= boundaries.length) break;
      endIdx++;
    }
    appendShifted(chunk, startLine, instructions, comments, syntaxErrors);
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
  let continued = false;
  let heredocEnds: string[] = [];
  let lastBoundary = 0;
  for (let line = 0; line < n; line++) {
    const t = doc.lineText(line);
    if (heredocEnds.length > 0) {
      const trimmed = t.replace(/^\t+/, '').trimEnd();
      if (trimmed === heredocEnds[0]) heredocEnds = heredocEnds.slice(1);
      continue;
    }
    const trimmed = t.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (!continued) {
      const kw = /^\s*([A-Za-z]+)(\s|$)/.exec(t)?.[1]?.toUpperCase();
      if (kw && KEYWORDS.has(kw) && line - lastBoundary >= MIN_CHUNK_LINES) {
        out.push(line);
        lastBoundary = line;
      }
    }
    const docs = [...t.matchAll(/<<-?\s*["']?([A-Za-z_][A-Za-z0-9_]*)["']?/g)];
    if (docs.length > 0 && /^\s*(RUN|COPY|ADD)\b/i.test(t)) heredocEnds = docs.map((m) => m[1] as string);
    continued = trimmed.endsWith(escape);
  }
  return out;
}

function parseChunk(chunkText: string, escape: string, isHead: boolean): ParsedChunk {
  // A chunk after the first must still know a non-default escape character.
  const prefix = !isHead && escape !== '\\' ? '# escape=`\n' : '';
  const shift = prefix ? -1 : 0;
  const source = prefix + chunkText;
  const df = DockerfileParser.parse(source);
  const doc = new TextDoc(source);
  const instructions: DInstruction[] = [];
  let open = false;
  for (const ins of df.getInstructions()) {
    const d = convert(ins, doc);
    instructions.push(d);
    for (const h of d.heredocs) if (!h.contentRange && h.name) open = true;
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
  const comments: DComment[] = df.getComments().map((c) => ({ text: c.getContent(), range: c.getRange() }));
  const syntaxErrors = isHead || !prefix ? syntaxErrorsOf(source, isHead) : [];
  const chunk: ParsedChunk = { instructions, comments, syntaxErrors, open };
  return shift ? shiftChunk(chunk, shift) : chunk;
}

function shiftChunk(chunk: ParsedChunk, by: number): ParsedChunk {
  return shiftDeep(chunk, by) as ParsedChunk;
}

function shiftDeep(value: unknown, by: number): unknown {
  if (Array.isArray(value)) return value.map((v) => shiftDeep(v, by));
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.line === 'number' && typeof o.character === 'number' && Object.keys(o).length === 2)
      return { line: o.line + by, character: o.character };
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o)) out[k] = shiftDeep(o[k], by);
    return out;
  }
  return value;
}

function appendShifted(
  chunk: ParsedChunk,
  startLine: number,
  instructions: DInstruction[],
  comments: DComment[],
  syntaxErrors: { message: string; range: Range }[],
): void {
  if (startLine === 0) {
    instructions.push(...chunk.instructions);
    comments.push(...chunk.comments);
    syntaxErrors.push(...chunk.syntaxErrors);
    return;
  }
  const s = shiftDeep(chunk, startLine) as ParsedChunk;
  instructions.push(...s.instructions);
  comments.push(...s.comments);
  syntaxErrors.push(...s.syntaxErrors);
}

function tok(value: string, range: Range): Token {
  return { value, range };
}

function flagOf(f: Flag): DFlag {
  return { name: f.getName(), value: f.getValue(), range: f.getRange(), valueRange: f.getValueRange() };
}

function propOf(p: Property): DProperty {
  return {
    name: p.getName(),
    nameRange: p.getNameRange(),
    value: p.getUnescapedValue(),
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

function convert(ins: Instruction, doc: TextDoc): DInstruction {
  const keyword = ins.getKeyword().toUpperCase();
  const withFlags = ins as Instruction & { getFlags?: () => Flag[] };
  const flags = typeof withFlags.getFlags === 'function' ? withFlags.getFlags().map(flagOf) : [];
  let json: Token[] | null = null;
  if (JSON_FORM.has(keyword)) {
    const j = ins as JSONInstruction;
    if (typeof j.getOpeningBracket === 'function' && j.getOpeningBracket() && j.getClosingBracket())
      json = j.getJSONStrings().map((s) => tok(s.getValue(), s.getRange()));
  }
  const withHeredocs = ins as Instruction & { getHeredocs?: () => Heredoc[] };
  const heredocs =
    (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD') &&
    typeof withHeredocs.getHeredocs === 'function'
      ? withHeredocs.getHeredocs().map((h) => heredocOf(h, doc))
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

/** The shell body of RUN, CMD and ENTRYPOINT in shell form, and of HEALTHCHECK CMD. */
function shellOf(d: DInstruction, doc: TextDoc, escape: string): DInstruction['shell'] {
  if (d.json) return null;
  if (d.keyword === 'RUN' && d.heredocs.length > 0) {
    const h = d.heredocs[0] as DHeredoc;
    if (!h.contentRange) return null;
    // `RUN <<EOF` with a script: each line of the heredoc is a command.
    return parseShell(
      doc,
      doc.offsetAt(h.contentRange.start),
      doc.offsetAt(h.contentRange.end),
      escape,
      true,
    );
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
  syntaxErrors: { message: string; range: Range }[],
): DockerfileModel {
  const stages: Stage[] = [];
  const globalArgs: DInstruction[] = [];
  const globalScope: VarScope = new Map();
  let current: Stage | null = null;
  for (const ins of instructions) {
    // Shell bodies are read against the whole document so that word offsets are document offsets.
    ins.shell = shellOf(ins, doc, escapeChar);
    if (ins.keyword === 'FROM') {
      const stageArg = stageNameOf(ins);
      const imageTok = ins.args[0];
      const image = imageTok ? resolveImage(imageTok.value, imageTok.range, globalScope) : null;
      const parentName = image?.resolved?.toLowerCase();
      const parent = parentName ? (stages.find((s) => s.name === parentName) ?? null) : null;
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
    }
    if (current) {
      ins.stage = current.index;
      current.instructions.push(ins);
    } else {
      ins.stage = -1;
      if (ins.keyword === 'ARG') {
        globalArgs.push(ins);
        for (const p of ins.properties) globalScope.set(p.name, p.value);
      }
    }
  }
  return { doc, escapeChar, instructions, stages, globalArgs, comments, problems: [], syntaxErrors };
}

function stageNameOf(from: DInstruction): Token | undefined {
  const asIdx = from.args.findIndex((a, i) => i > 0 && a.value.toUpperCase() === 'AS');
  return asIdx > 0 ? from.args[asIdx + 1] : undefined;
}
