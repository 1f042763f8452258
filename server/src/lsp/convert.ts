import {
  CodeActionKind,
  DiagnosticSeverity,
  type CodeAction,
  type Diagnostic,
  type SnippetTextEdit,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { docsUrl, type Finding, type Fix, type Severity } from '../core/rule';
import type { TextEdit } from '../core/text';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const SOURCE = 'shipshape';
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.shipshape`;

export function toDiagnostic(f: Finding): Diagnostic {
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    source: SOURCE,
    message: f.message,
    codeDescription: { href: docsUrl(f.ruleId) },
  };
}

export interface EditCapabilities {
  documentChanges: boolean;
  createFiles: boolean;
  /** The client accepts `SnippetTextEdit`s in document changes (LSP 3.18 `snippetEditSupport`). */
  snippetEdits?: boolean;
}

/**
 * Our edits as LSP edits: with their snippet form (tab stops on the values to tune) where the client
 * takes snippet edits, as plain text otherwise. The `snippet` field never leaks into a plain edit.
 */
function lspEdits(edits: TextEdit[], snippets: boolean): (LspTextEdit | SnippetTextEdit)[] {
  return edits.map((e) =>
    snippets && e.snippet !== undefined
      ? { range: e.range, snippet: { kind: 'snippet', value: e.snippet } }
      : { range: e.range, newText: e.newText },
  );
}

/** Builds a workspace edit for one document, creating sibling files first when the client can. */
export function workspaceEdit(
  uri: string,
  version: number,
  edits: TextEdit[],
  creates: { uri: string; text: string }[],
  caps: EditCapabilities,
): WorkspaceEdit {
  if (caps.documentChanges) {
    const changes: NonNullable<WorkspaceEdit['documentChanges']> = [];
    if (caps.createFiles)
      for (const c of creates) {
        changes.push({ kind: 'create', uri: c.uri, options: { ignoreIfExists: true } });
        changes.push({
          textDocument: { uri: c.uri, version: null },
          edits: [
            { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: c.text },
          ],
        });
      }
    changes.push({ textDocument: { uri, version }, edits: lspEdits(edits, caps.snippetEdits === true) });
    return { documentChanges: changes };
  }
  return { changes: { [uri]: lspEdits(edits, false) as LspTextEdit[] } };
}

export function toCodeAction(
  uri: string,
  version: number,
  finding: Finding,
  fix: Fix,
  diagnostic: Diagnostic,
  resolveCreate: (rel: string) => string | null,
  caps: EditCapabilities,
): CodeAction | null {
  const creates: { uri: string; text: string }[] = [];
  for (const c of fix.creates) {
    const target = resolveCreate(c.path);
    // A fix whose point is to create a file cannot be offered where the client cannot create one.
    if (!target || !caps.createFiles) return null;
    creates.push({ uri: target, text: c.text });
  }
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: fix.preferred,
    edit: workspaceEdit(uri, version, fix.edits, creates, caps),
  };
}

/** The smallest single edit that turns `before` into `after`. */
export function minimalEdit(
  before: string,
  after: string,
  positionAt: (offset: number) => { line: number; character: number },
): TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  return { range: { start: positionAt(start), end: positionAt(endB) }, newText: after.slice(start, endA) };
}
