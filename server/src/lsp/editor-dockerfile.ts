import { DockerAssist } from 'dockerfile-language-service/lib/dockerAssist';
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { TextDocument as DlsDocument } from 'vscode-languageserver-textdocument';
import {
  CompletionItemKind,
  DocumentSymbol,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  type CompletionItem,
  type FoldingRange,
  type FormattingOptions,
  type Hover,
  type Location,
  type Position,
  type Range,
  type TextEdit,
} from 'vscode-languageserver/node';
import { comparePositions, containsPosition } from '../core/text';
import type { DInstruction, DockerfileModel } from '../languages/dockerfile/model';
import {
  ADD_FLAGS,
  BUILDKIT_CHECKS,
  CHECK_KEYS,
  COPY_FLAGS,
  DIRECTIVES,
  MOUNT_TYPES,
  mountKeys,
  NETWORK_VALUES,
  RUN_FLAGS,
  SECURITY_VALUES,
  SHARING_VALUES,
} from './dockerfile-flags';
import { mayBeSnippet, snippetItems } from './snippets';

/**
 * Dockerfile editor features. dockerfile-language-service (rcjsuen, on the dockerfile-ast we parse with)
 * gives instruction completion with snippet bodies, `--from=` stages and indexes, `--chown`,
 * `--platform`, `$`/`${}` variables, `escape`/`syntax` directives, hover docs (instructions, flags,
 * variables with their value), definition, highlights (our references), rename, folding and the
 * continuation-indent formatter. Shipshape adds what it lacks — `RUN` flags, `--mount=` types and keys,
 * the newer `COPY`/`ADD` flags, `# check=`, document symbols as a stage tree, and instruction casing in
 * formatting — from its own model. Image tag completion is left out: it asks Docker Hub over the network.
 */
const service = DockerfileLanguageServiceFactory.createLanguageService();
service.setCapabilities({
  completion: { completionItem: { snippetSupport: true, documentationFormat: [MarkupKind.Markdown] } },
  hover: { contentFormat: [MarkupKind.Markdown] },
  foldingRange: { lineFoldingOnly: true },
});
/** No registry: completion never leaves the machine. */
const offline = { getTags: () => Promise.resolve([] as string[]) };

export function dockerfileCompletion(model: DockerfileModel, position: Position): CompletionItem[] {
  const before = model.doc.lineText(position.line).slice(0, position.character);
  const directive = directiveCompletion(model, position, before);
  if (directive) return directive;
  const ins = instructionAt(model, position);
  if (ins && comparePositions(ins.keywordRange.end, position) < 0) {
    const own = flagCompletion(model, ins, position, before);
    if (own) return own;
  }
  const doc = DlsDocument.create('', 'dockerfile', 0, upTo(model, ins, position));
  const items = new DockerAssist(doc, offline as never, {
    snippetSupport: true,
    documentationFormat: [MarkupKind.Markdown],
  }).computeProposals(position);
  // Only the image tag position answers asynchronously (through the registry); it is left out.
  const own = Array.isArray(items)
    ? items.map((i) => (i.documentation ? i : service.resolveCompletionItem(i)))
    : [];
  // Snippets where an instruction starts: a word typed at the start of a line that continues nothing.
  const word = /^(\s*)([A-Za-z][\w-]*)?$/.exec(before);
  if (word && (!ins || ins.range.start.line === position.line) && mayBeSnippet(word[2] ?? ''))
    own.push(...snippetItems('dockerfile', position, (word[1] ?? '').length));
  return own;
}

export function dockerfileHover(model: DockerfileModel, position: Position): Hover | null {
  const h = service.computeHover(upTo(model, instructionAt(model, position), position), position);
  // A variable's hover is its resolved value as plain text: say what it is.
  if (h && typeof h.contents === 'string')
    return { ...h, contents: { kind: MarkupKind.Markdown, value: `Value: \`${h.contents}\`` } };
  return h;
}

export function dockerfileDefinition(uri: string, text: string, position: Position): Location | null {
  return service.computeDefinition({ uri }, text, position) ?? null;
}

/** Stage names and ARG/ENV names under the cursor, with every use in the file (the definition too). */
export function dockerfileReferences(uri: string, text: string, position: Position): Location[] {
  return service.computeHighlightRanges(text, position).map((h) => ({ uri, range: h.range }));
}

export function dockerfilePrepareRename(text: string, position: Position): Range | null {
  return service.prepareRename(text, position);
}

export function dockerfileRename(uri: string, text: string, position: Position, newName: string): TextEdit[] {
  return service.computeRename({ uri }, text, position, newName);
}

export function dockerfileFolding(text: string): FoldingRange[] {
  return service.computeFoldingRanges(text);
}

/** Stages (named or numbered, with their image) holding their ARG and ENV names; global ARGs on top. */
export function dockerfileSymbols(model: DockerfileModel): DocumentSymbol[] {
  const props = (ins: DInstruction): DocumentSymbol[] =>
    ins.keyword === 'ARG' || ins.keyword === 'ENV'
      ? ins.properties.map((p) =>
          DocumentSymbol.create(
            p.name,
            ins.keyword,
            ins.keyword === 'ARG' ? SymbolKind.Variable : SymbolKind.Constant,
            ins.range,
            p.nameRange,
          ),
        )
      : [];
  const out: DocumentSymbol[] = model.globalArgs.flatMap(props);
  for (const stage of model.stages) {
    const last = stage.instructions[stage.instructions.length - 1] ?? stage.from;
    const range = { start: stage.from.range.start, end: last.range.end };
    const image = stage.image?.raw ?? stage.from.args[0]?.value ?? '';
    const name = stage.name ?? `stage ${stage.index}`;
    out.push(
      DocumentSymbol.create(
        name,
        image,
        SymbolKind.Class,
        range,
        stage.nameRange ?? stage.from.keywordRange,
        stage.instructions.flatMap(props),
      ),
    );
  }
  return out;
}

/**
 * Continuation lines indented by `options` (dockerfile-utils' formatter) and instruction keywords in
 * upper case, the casing BuildKit's ConsistentInstructionCasing check prefers; within `range` when given.
 */
export function dockerfileFormat(
  model: DockerfileModel,
  options: FormattingOptions,
  range?: Range,
): TextEdit[] {
  const text = model.doc.text;
  const edits = range ? service.formatRange(text, range, options) : service.format(text, options);
  for (const ins of model.instructions) {
    const written = model.doc.getText(ins.keywordRange);
    if (written === ins.keyword || written.toUpperCase() !== ins.keyword) continue;
    if (range && !containsPosition(range, ins.keywordRange.start)) continue;
    edits.push({ range: ins.keywordRange, newText: ins.keyword });
  }
  return edits.sort((a, b) => comparePositions(a.range.start, b.range.start));
}

/**
 * What completion and hover read, with every other line left blank so positions stay where they are:
 * the lines above the first instruction (directives), global ARGs, the FROM lines up to the cursor
 * (stages for `--from`), the ARG, ENV and WORKDIR of the cursor's stage, and the cursor's instruction.
 * dockerfile-language-service parses the text it is given on every request; blank lines cost it little.
 */
function upTo(model: DockerfileModel, ins: DInstruction | undefined, position: Position): string {
  const doc = model.doc;
  const last = Math.min(doc.lineCount - 1, Math.max(position.line, ins?.range.end.line ?? 0));
  const keep = new Uint8Array(last + 1);
  const mark = (from: number, to: number): void => {
    for (let l = from; l <= Math.min(to, last); l++) keep[l] = 1;
  };
  mark(0, (model.instructions[0]?.range.start.line ?? last + 1) - 1);
  const stage =
    ins?.stage ?? model.stages.filter((s) => s.from.range.start.line <= position.line).pop()?.index ?? -1;
  for (const i of model.instructions) {
    if (i.range.start.line > last) break;
    if (i.keyword === 'FROM' || i.stage === -1 || (i.stage === stage && SCOPE.has(i.keyword)))
      mark(i.range.start.line, i.range.end.line);
  }
  if (ins) mark(ins.range.start.line, ins.range.end.line);
  keep[position.line] = 1;
  const lines: string[] = [];
  for (let l = 0; l <= last; l++) lines.push(keep[l] ? doc.lineText(l) : '');
  return lines.join('\n');
}

/** Instructions whose names are in scope for the rest of their stage. */
const SCOPE = new Set(['ARG', 'ENV', 'WORKDIR']);

function instructionAt(model: DockerfileModel, position: Position): DInstruction | undefined {
  return model.instructions.find((i) => containsPosition(i.range, position));
}

/** The word being typed: from the last blank before the cursor. */
function currentWord(before: string): string {
  const i = Math.max(before.lastIndexOf(' '), before.lastIndexOf('\t'));
  return before.slice(i + 1);
}

function replaceRange(position: Position, length: number): Range {
  return { start: { line: position.line, character: position.character - length }, end: position };
}

function item(
  label: string,
  doc: string,
  kind: CompletionItemKind,
  position: Position,
  typed: number,
  insert = label,
  snippet = false,
): CompletionItem {
  return {
    label,
    kind,
    documentation: doc ? { kind: MarkupKind.Markdown, value: doc } : undefined,
    textEdit: { range: replaceRange(position, typed), newText: insert },
    insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    // Re-open the list after `key=` so its values follow at once.
    command: insert.endsWith('=') ? { title: 'values', command: 'editor.action.triggerSuggest' } : undefined,
  };
}

/** Parser directives at the top of the file, `check=` with its keys and values. */
function directiveCompletion(
  model: DockerfileModel,
  position: Position,
  before: string,
): CompletionItem[] | null {
  const first = model.instructions[0];
  if (first && first.range.start.line <= position.line) return null;
  for (let l = 0; l < position.line; l++) if (!/^\s*#\s*[a-z]+\s*=/i.test(model.doc.lineText(l))) return null;
  const name = /^\s*#\s*([a-z]*)$/i.exec(before);
  if (name) {
    const typed = name[1] ?? '';
    return Object.entries(DIRECTIVES)
      .filter(([d]) => d.startsWith(typed.toLowerCase()))
      .map(([d, doc]) => item(`${d}=`, doc, CompletionItemKind.Keyword, position, typed.length));
  }
  const check = /^\s*#\s*check\s*=([^\n]*)$/i.exec(before);
  if (!check) return null;
  const segment = (check[1] ?? '').split(';').pop() ?? '';
  const eq = segment.indexOf('=');
  if (eq < 0) {
    const typed = segment.trimStart();
    return Object.entries(CHECK_KEYS)
      .filter(([k]) => k.startsWith(typed))
      .map(([k, doc]) => item(`${k}=`, doc, CompletionItemKind.Property, position, typed.length));
  }
  const key = segment.slice(0, eq).trim();
  const value =
    segment
      .slice(eq + 1)
      .split(',')
      .pop() ?? '';
  const values = key === 'error' ? ['true', 'false'] : ['all', ...BUILDKIT_CHECKS];
  return values
    .filter((v) => v.toLowerCase().startsWith(value.toLowerCase()))
    .map((v) => item(v, '', CompletionItemKind.EnumMember, position, value.length));
}

function flagCompletion(
  model: DockerfileModel,
  ins: DInstruction,
  position: Position,
  before: string,
): CompletionItem[] | null {
  const word = currentWord(before);
  if (!word.startsWith('--')) return null;
  const firstArg = ins.args[0];
  if (firstArg && comparePositions(firstArg.range.end, position) < 0) return null;
  const flags =
    ins.keyword === 'RUN'
      ? RUN_FLAGS
      : ins.keyword === 'COPY'
        ? COPY_FLAGS
        : ins.keyword === 'ADD'
          ? ADD_FLAGS
          : null;
  if (!flags) return null;
  const eq = word.indexOf('=');
  if (eq < 0) {
    const written = new Set(ins.flags.map((f) => f.name));
    return Object.entries(flags)
      .filter(([f]) => f.startsWith(word.slice(2)) && (f === 'mount' || f === 'exclude' || !written.has(f)))
      .map(([f, doc]) => {
        const bare = f === 'link' || f === 'parents' || f === 'keep-git-dir';
        return item(
          `--${f}`,
          doc,
          CompletionItemKind.Property,
          position,
          word.length,
          bare ? `--${f}` : `--${f}=`,
        );
      });
  }
  const name = word.slice(2, eq);
  const value = word.slice(eq + 1);
  // `--from=` (stages and indexes) is dockerfile-language-service's.
  if (ins.keyword !== 'RUN') return null;
  if (name === 'network') return values(NETWORK_VALUES, value, position);
  if (name === 'security') return values(SECURITY_VALUES, value, position);
  if (name === 'mount') return mountCompletion(model, ins, value, position);
  return [];
}

function values(list: readonly string[], typed: string, position: Position): CompletionItem[] {
  return list
    .filter((v) => v.startsWith(typed))
    .map((v) => item(v, '', CompletionItemKind.EnumMember, position, typed.length));
}

const KEY_ALIASES: Record<string, string> = {
  dst: 'target',
  destination: 'target',
  src: 'source',
  readonly: 'ro',
  readwrite: 'rw',
};

/** `--mount=type=cache,target=…`: keys of the mount's type, and values of `type`, `sharing`, `from`. */
function mountCompletion(
  model: DockerfileModel,
  ins: DInstruction,
  spec: string,
  position: Position,
): CompletionItem[] {
  const parts = spec.split(',');
  const last = parts.pop() ?? '';
  const written = new Set<string>();
  let type: string | undefined;
  for (const p of parts) {
    const [k = '', v] = p.split('=', 2);
    const key = KEY_ALIASES[k] ?? k;
    written.add(key);
    if (key === 'type') type = v;
  }
  const eq = last.indexOf('=');
  if (eq < 0)
    return mountKeys(type, written)
      .filter((k) => k.name.startsWith(last))
      .map((k) => {
        const bare = k.name === 'ro' || k.name === 'rw' || k.name === 'required';
        return item(
          k.name,
          k.doc,
          CompletionItemKind.Property,
          position,
          last.length,
          bare ? k.name : `${k.name}=`,
        );
      });
  const key = KEY_ALIASES[last.slice(0, eq)] ?? last.slice(0, eq);
  const typed = last.slice(eq + 1);
  if (key === 'type')
    return Object.entries(MOUNT_TYPES)
      .filter(([t]) => t.startsWith(typed))
      .map(([t, doc]) => item(t, doc, CompletionItemKind.EnumMember, position, typed.length));
  if (key === 'sharing') return values(SHARING_VALUES, typed, position);
  if (key === 'from') {
    const earlier = model.stages.filter((s) => s.index < ins.stage);
    return values(
      earlier.map((s) => s.name ?? String(s.index)),
      typed,
      position,
    );
  }
  return [];
}
