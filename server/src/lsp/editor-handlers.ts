import type {
  CompletionItem,
  Connection,
  Diagnostic,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  Position,
  Range,
  ServerCapabilities,
  TextDocuments,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../core/rule';
import { containsPosition } from '../core/text';
import { rules } from '../rules';
import type { DocumentState } from './analysis';
import type { EditorRequest } from './editor';
import { hoverMarkdown } from './hover';
import { Watchdog } from './watchdog';

/** Editing answers past this are dropped (the editor asks again as the user types). */
const EDITOR_BUDGET_MS = 2_000;

export const EDITOR_CAPABILITIES: ServerCapabilities = {
  completionProvider: { triggerCharacters: ['=', '$', '{', ',', '-'], resolveProvider: false },
  documentSymbolProvider: true,
  definitionProvider: true,
  referencesProvider: true,
  renameProvider: { prepareProvider: true },
  foldingRangeProvider: true,
  documentFormattingProvider: true,
  documentRangeFormattingProvider: true,
  documentLinkProvider: { resolveProvider: false },
};

/**
 * Completion, outline, definitions, references, rename, folding, formatting and links. They run in a
 * worker of their own (editor.ts), under its own deadline, so they answer in milliseconds even while an
 * analysis is running, and a pathological input cannot stop the main thread. Returns the editor's
 * hover (docs on instructions, flags, variables and keys), which server.ts shows where no finding is.
 */
export function registerEditorHandlers(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  script: string,
  log: (message: string) => void,
): {
  hover(uri: string, position: { line: number; character: number }): Promise<Hover | null>;
  forget(uri: string): void;
  close(): Promise<void>;
} {
  let lane: Watchdog | undefined;
  const worker = (): Watchdog =>
    (lane ??= new Watchdog({ script, budgetMs: EDITOR_BUDGET_MS, log: (_level, message) => log(message) }));

  async function ask<T>(uri: string, request: EditorRequest, empty: T): Promise<T> {
    const doc = documents.get(uri);
    if (!doc) return empty;
    const state: DocumentState = {
      uri,
      languageId: doc.languageId,
      version: doc.version,
      text: doc.getText(),
    };
    const o = await worker().run<T>({ op: 'editor', uri, request }, state);
    return o.kind === 'done' && o.value !== null && o.value !== undefined ? o.value : empty;
  }

  connection.onCompletion((p) =>
    ask<CompletionItem[]>(p.textDocument.uri, { feature: 'completion', position: p.position }, []),
  );
  connection.onDocumentSymbol((p) => ask<DocumentSymbol[]>(p.textDocument.uri, { feature: 'symbols' }, []));
  connection.onDefinition((p) =>
    ask<Location | null>(p.textDocument.uri, { feature: 'definition', position: p.position }, null),
  );
  connection.onReferences((p) =>
    ask<Location[]>(p.textDocument.uri, { feature: 'references', position: p.position }, []),
  );
  connection.onPrepareRename((p) =>
    ask<Range | null>(p.textDocument.uri, { feature: 'prepareRename', position: p.position }, null),
  );
  connection.onRenameRequest((p) =>
    ask<WorkspaceEdit | null>(
      p.textDocument.uri,
      { feature: 'rename', position: p.position, newName: p.newName },
      null,
    ),
  );
  connection.onFoldingRanges((p) => ask<FoldingRange[]>(p.textDocument.uri, { feature: 'folding' }, []));
  connection.onDocumentFormatting((p) =>
    ask<TextEdit[]>(p.textDocument.uri, { feature: 'format', options: p.options }, []),
  );
  connection.onDocumentRangeFormatting((p) =>
    ask<TextEdit[]>(p.textDocument.uri, { feature: 'format', options: p.options, range: p.range }, []),
  );
  connection.onDocumentLinks((p) => ask<DocumentLink[]>(p.textDocument.uri, { feature: 'links' }, []));

  return {
    hover: (uri, position) => ask<Hover | null>(uri, { feature: 'hover', position }, null),
    forget: (uri) => void lane?.run({ op: 'forget', uri }),
    close: async () => lane?.close(),
  };
}

/**
 * The hover for the findings under the cursor, from the diagnostics published for this very version:
 * the main thread answers it at once instead of queueing a job behind analyses of other documents, and
 * says nothing about a version not analysed yet (the editor shows no squiggle there either). Only rule
 * findings count; notices about Shipshape itself have no rule to explain.
 */
export function findingsHover(diagnostics: readonly Diagnostic[], position: Position): Hover | null {
  const hits = diagnostics.filter(
    (d) => typeof d.code === 'string' && RULE_IDS.has(d.code) && containsPosition(d.range, position),
  );
  if (hits.length === 0) return null;
  const findings = hits.map((d) => ({ ruleId: d.code as string, message: d.message }) as Finding);
  return { contents: { kind: 'markdown', value: hoverMarkdown(findings) }, range: hits[0]?.range };
}

const RULE_IDS = new Set(rules.map((r) => r.id));

/**
 * The findings under the cursor when there are some (what is wrong there matters most, and their hover
 * links to the rule), else the editor's docs on the instruction, flag, variable or key.
 */
export function preferFindings(findings: Hover | null, docs: Hover | null): Hover | null {
  return findings ?? docs;
}
