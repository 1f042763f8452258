import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join, relative } from 'node:path';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type Hover,
  type HoverParams,
  type InitializeParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isIgnored, type Config, type Level } from '../core/config';
import type { Host } from '../core/rule';
import { containsPosition, TextDoc, type Range } from '../core/text';
import { Engine, noFiles, type FileResult } from '../engine';
import { fixAll } from '../fix-all';
import { clearConfigCache, diskHost, loadConfig } from '../workspace';
import {
  FIX_ALL_KIND,
  minimalEdit,
  toCodeAction,
  toDiagnostic,
  workspaceEdit,
  type EditCapabilities,
} from './convert';
import { configDiagnostics, configQuickFixes, warnAboutRuleSettings, warnOnce } from './config-diagnostics';
import { hoverMarkdown } from './hover';
import { defaultSettings, type Settings } from './settings';

interface Analysed {
  version: number;
  result: FileResult | null;
  diagnostics: Diagnostic[];
}

export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): void {
  const documents = new TextDocuments(TextDocument);
  const engine = new Engine();
  const analysed = new Map<string, Analysed>();
  const settingsByUri = new Map<string, Settings>();
  const pending = new Set<string>();
  let flushScheduled = false;
  let caps: EditCapabilities = { documentChanges: false, createFiles: false };
  let configPull = false;
  let workspaceRoots: string[] = [];

  connection.onInitialize((params: InitializeParams) => {
    const we = params.capabilities.workspace?.workspaceEdit;
    caps = {
      documentChanges: we?.documentChanges === true,
      createFiles: we?.documentChanges === true && (we.resourceOperations ?? []).includes('create'),
    };
    configPull = params.capabilities.workspace?.configuration === true;
    workspaceRoots = (params.workspaceFolders ?? [])
      .map((f) => uriToPath(f.uri))
      .filter((p): p is string => p !== null);
    if (workspaceRoots.length === 0 && params.rootUri) {
      const p = uriToPath(params.rootUri);
      if (p) workspaceRoots.push(p);
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: {
          codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Refactor, FIX_ALL_KIND],
          resolveProvider: false,
        },
        hoverProvider: true,
      },
      serverInfo: { name: 'shipshape' },
    };
  });

  connection.onInitialized(() => {
    if (configPull)
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'shipshape' });
  });

  connection.onDidChangeConfiguration(() => {
    settingsByUri.clear();
    // Results are cached per version; new settings or config files make them stale at the same version.
    analysed.clear();
    clearConfigCache();
    for (const d of documents.all()) schedule(d.uri);
  });

  connection.onDidChangeWatchedFiles(() => {
    analysed.clear();
    clearConfigCache();
    for (const d of documents.all()) schedule(d.uri);
  });

  function rootFor(path: string): string | undefined {
    return workspaceRoots
      .filter((r) => !relative(r, path).startsWith('..'))
      .sort((a, b) => b.length - a.length)[0];
  }

  function configFor(uri: string, settings: Settings): { config: Config; host: Host; ignored: boolean } {
    const path = uriToPath(uri);
    if (!path) {
      const config = loadConfig(join(process.cwd(), 'untitled'), { root: process.cwd() });
      applySettings(config, settings);
      return { config, host: noFiles, ignored: false };
    }
    const root = rootFor(path);
    const config = loadConfig(path, { root, configFile: settings.configFile || undefined });
    applySettings(config, settings);
    const rel = relative(root ?? dirname(path), path)
      .split('\\')
      .join('/');
    return { config, host: diskHost(path), ignored: isIgnored(config, rel) };
  }

  function settingsFor(uri: string): Settings {
    return settingsByUri.get(uri) ?? defaultSettings();
  }

  async function refreshSettings(uri: string): Promise<void> {
    if (!configPull || settingsByUri.has(uri)) return;
    try {
      const s = (await connection.workspace.getConfiguration({
        scopeUri: uri,
        section: 'shipshape',
      })) as Partial<Settings> | null;
      settingsByUri.set(uri, { ...defaultSettings(), ...(s ?? {}) });
      warnAboutRuleSettings(s?.rules, (m) => connection.console.warn(m));
    } catch {
      settingsByUri.set(uri, defaultSettings());
    }
  }

  function analyse(doc: TextDocument): Analysed {
    const cached = analysed.get(doc.uri);
    if (cached && cached.version === doc.version) return cached;
    const settings = settingsFor(doc.uri);
    let result: FileResult | null = null;
    if (settings.enable) {
      const { config, host, ignored } = configFor(doc.uri, settings);
      if (!ignored) {
        try {
          result = engine.analyze(
            { name: uriToName(doc.uri), languageId: doc.languageId, text: doc.getText() },
            config,
            host,
          );
        } catch (e) {
          connection.console.error(
            `shipshape: analysis failed for ${doc.uri}: ${String((e as Error).stack ?? e)}`,
          );
        }
        for (const err of result?.internalErrors ?? [])
          connection.console.error(`shipshape: rule ${err.ruleId} failed: ${err.error}`);
        for (const p of config.problems) warnOnce(`shipshape: ${p}`, (m) => connection.console.warn(m));
      }
    }
    const diagnostics = (result?.findings ?? []).map(toDiagnostic);
    // After the findings' own, so that `diagnostics[i]` stays the diagnostic of `findings[i]`.
    if (settings.enable) diagnostics.push(...configDiagnostics(uriToName(doc.uri), doc.getText()));
    const entry = { version: doc.version, result, diagnostics };
    analysed.set(doc.uri, entry);
    return entry;
  }

  function schedule(uri: string): void {
    pending.add(uri);
    if (flushScheduled) return;
    flushScheduled = true;
    // Edits that arrive together are handled once: only the newest version of each document is analysed.
    setImmediate(flush);
  }

  function flush(): void {
    flushScheduled = false;
    const uris = [...pending];
    pending.clear();
    for (const uri of uris) {
      const doc = documents.get(uri);
      if (!doc) continue;
      if (configPull && !settingsByUri.has(uri)) {
        const version = doc.version;
        void refreshSettings(uri).then(() => {
          const current = documents.get(uri);
          if (current && current.version === version) publish(current);
          else if (current) schedule(uri);
        });
        continue;
      }
      publish(doc);
    }
  }

  function publish(doc: TextDocument): void {
    const entry = analyse(doc);
    // A newer edit may have arrived while this one was analysed; its own run publishes instead.
    if (documents.get(doc.uri)?.version !== entry.version) return;
    void connection.sendDiagnostics({ uri: doc.uri, version: entry.version, diagnostics: entry.diagnostics });
  }

  documents.onDidOpen((e) => schedule(e.document.uri));
  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidClose((e) => {
    pending.delete(e.document.uri);
    analysed.delete(e.document.uri);
    settingsByUri.delete(e.document.uri);
    engine.forget(uriToName(e.document.uri));
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onCodeAction((params: CodeActionParams): CodeAction[] => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const entry = analyse(doc);
    const findings = entry.result?.findings ?? [];
    const only = params.context.only;
    const wantsFixAll =
      only?.some((k) => FIX_ALL_KIND.startsWith(k) && k !== CodeActionKind.QuickFix && k !== '') ?? false;
    const wantsQuickFix = !only || only.some((k) => CodeActionKind.QuickFix.startsWith(k));
    const out: CodeAction[] = [];
    const path = uriToPath(doc.uri);
    const resolveCreate = (rel: string): string | null =>
      path ? pathToFileURL(join(dirname(path), rel)).toString() : null;
    if (wantsQuickFix) {
      findings.forEach((f, i) => {
        if (!f.fixable || !overlaps(f.range, params.range)) return;
        const diag = entry.diagnostics[i] as Diagnostic;
        for (const fix of f.fixes()) {
          const action = toCodeAction(doc.uri, doc.version, f, fix, diag, resolveCreate, caps);
          if (action) out.push(action);
        }
      });
      const text = doc.getText();
      out.push(...configQuickFixes(doc.uri, doc.version, uriToName(doc.uri), text, params.range, caps));
    }
    // Refactorings offered wherever the cursor is (e.g. "Add a HorizontalPodAutoscaler" on a Deployment).
    const wantsRefactor =
      !only ||
      only.some((k) => CodeActionKind.Refactor.startsWith(k) || k.startsWith(CodeActionKind.Refactor));
    if (wantsRefactor) {
      const { config, host } = configFor(doc.uri, settingsFor(doc.uri));
      const file = { name: uriToName(doc.uri), languageId: doc.languageId, text: doc.getText() };
      for (const spec of engine.assists(file, params.range, config, host))
        out.push({
          title: spec.title,
          kind: CodeActionKind.Refactor,
          edit: workspaceEdit(doc.uri, doc.version, spec.edits, [], caps),
        });
    }
    if (wantsFixAll) {
      const settings = settingsFor(doc.uri);
      const { config, host } = configFor(doc.uri, settings);
      const text = doc.getText();
      const fixed = fixAll(
        engine,
        { name: uriToName(doc.uri), languageId: doc.languageId, text },
        config,
        host,
      );
      if (fixed.applied > 0) {
        const tdoc = new TextDoc(text);
        const edit = minimalEdit(text, fixed.text, (o) => tdoc.positionAt(o));
        const creates = caps.createFiles
          ? fixed.creates
              .map((c) => ({ uri: resolveCreate(c.path), text: c.text }))
              .filter((c): c is { uri: string; text: string } => c.uri !== null)
          : [];
        out.push({
          title: 'Fix all safe Shipshape problems',
          kind: FIX_ALL_KIND,
          edit: caps.documentChanges
            ? {
                documentChanges: [
                  ...creates.flatMap((c) => [
                    { kind: 'create' as const, uri: c.uri, options: { ignoreIfExists: true } },
                    {
                      textDocument: { uri: c.uri, version: null },
                      edits: [
                        {
                          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
                          newText: c.text,
                        },
                      ],
                    },
                  ]),
                  { textDocument: { uri: doc.uri, version: doc.version }, edits: [edit] },
                ],
              }
            : { changes: { [doc.uri]: [edit] } },
        });
      }
    }
    return out;
  });

  connection.onHover((params: HoverParams): Hover | null => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const entry = analyse(doc);
    const hits = (entry.result?.findings ?? []).filter((f) => containsPosition(f.range, params.position));
    if (hits.length === 0) return null;
    return {
      contents: { kind: 'markdown', value: hoverMarkdown(hits) },
      range: hits[0]?.range,
    };
  });

  documents.listen(connection);
  connection.listen();
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']): boolean =>
    p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function uriToPath(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

/** The name the engine sees: the path for files on disk, the URI's last segment otherwise. */
function uriToName(uri: string): string {
  return uriToPath(uri) ?? decodeURIComponent(uri.split('/').pop() ?? uri);
}

const LEVELS = new Set<string>(['off', 'hint', 'info', 'warning', 'error']);

function applySettings(config: Config, settings: Settings): void {
  const rules = settings.rules && typeof settings.rules === 'object' ? settings.rules : {};
  for (const [id, level] of Object.entries(rules)) if (LEVELS.has(level)) config.rules[id] = level as Level;
  if (settings.onlyRecommended) config.onlyRecommended = true;
}
