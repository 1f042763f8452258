import { createHash } from 'node:crypto';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
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
import { notice, uriToPath, type DocumentState, type RequestContext } from './analysis';
import { warnAboutRuleSettings } from './config-diagnostics';
import { TREAT_AS_COMPOSE } from './compose-choice';
import { FIX_ALL_KIND, type EditCapabilities } from './convert';
import {
  EDITOR_CAPABILITIES,
  findingsHover,
  preferFindings,
  registerEditorHandlers,
} from './editor-handlers';
import { defaultSettings, readSettings, type Settings } from './settings';
import { ShellcheckPass, type ScriptJob } from './shellcheck';
import { detectLanguage } from '../languages/detect';
import { Watchdog, type Outcome } from './watchdog';
import type { Job } from './worker';
import { WorkspaceIndexer } from './workspace-index';

/** What a client may pass in `initializationOptions`. */
interface InitOptions {
  /** VS Code workspace trust (`vscode.workspace.isTrusted`); clients without the notion are trusted. */
  trusted?: boolean;
  /** How long one analysis, code action or hover may run before it is abandoned. */
  analysisBudgetMs?: number;
}

/** Sent by the client when workspace trust changes: `{ trusted: boolean }`. */
export const TRUST_NOTIFICATION = 'shipshape/didChangeWorkspaceTrust';

const DEFAULT_BUDGET_MS = 5_000;
/** Watched files that are only the workspace index's business, unless they are configuration files. */
const MANIFEST_FILE = /(\.(ya?ml|json)|[\\/]Kustomization)$/;
const CONFIG_FILE = /[\\/]\.(shipshape|hadolint)\.ya?ml$/;
/** Documents this large start in the second worker, away from the ordinary ones. */
const BIG_CHARS = 1024 * 1024;
/** Jobs do not wait longer than this behind another document's job: they move to the other worker. */
const STALL_MS = 500;

type Lane = 0 | 1;

/**
 * The language server's main thread: it owns the LSP connection, the open documents and the settings,
 * and hands every analysis to a worker thread under a deadline (watchdog.ts), so no input — however
 * large or pathological — can stop it from answering the editor.
 */
export function startServer(
  workerScript: string,
  connection: Connection = createConnection(ProposedFeatures.all),
): void {
  const documents = new TextDocuments(TextDocument);
  const settingsByUri = new Map<string, Promise<Settings>>();
  /** Texts whose analysis ran past the budget, by document: they are not analysed again until edited. */
  const stopped = new Map<string, string>();
  const treatedAsCompose = new Set<string>();
  const pending = new Set<string>();
  let flushScheduled = false;
  let caps: EditCapabilities = { documentChanges: false, createFiles: false };
  let configPull = false;
  let watchFiles = false;
  let workspaceRoots: string[] = [];
  let trusted = true;
  let budgetMs = DEFAULT_BUDGET_MS;
  // Bumped whenever settings, trust or configuration files may have changed: results computed before
  // are neither published nor reused.
  let generation = 0;
  // Two workers. Each document lives in one (its parse caches are there); when a job has run past
  // STALL_MS, jobs of other documents waiting behind it move to the other worker for good, so a slow
  // document (a huge file, an alias bomb) holds up the others once, for at most STALL_MS.
  let lanes: [Watchdog, Watchdog] | undefined;
  const laneOf = new Map<string, Lane>();
  // The workspace's Kubernetes objects, for checks across files (lsp/workspace-index.ts). When it changes,
  // open manifests are analysed again: the workers drop their cached results when the new index arrives
  // with that job, so the generation (which would discard every document's pending results) stays.
  const indexer = new WorkspaceIndexer({
    script: workerScript,
    onChange: () => {
      for (const d of documents.all()) if (mayBeManifest(d)) schedule(d.uri);
    },
    log: (m) => connection.console.info(m),
  });
  const shellcheck = new ShellcheckPass();
  const editor = registerEditorHandlers(connection, documents, workerScript, (m) =>
    connection.console.warn(m),
  );
  /** The diagnostics last published per document, for the findings part of hover. */
  const published = new Map<string, { version: number; diagnostics: Diagnostic[] }>();

  connection.onInitialize((params: InitializeParams) => {
    const we = params.capabilities.workspace?.workspaceEdit;
    caps = {
      documentChanges: we?.documentChanges === true,
      createFiles: we?.documentChanges === true && (we.resourceOperations ?? []).includes('create'),
      snippetEdits: we?.documentChanges === true && we.snippetEditSupport === true,
    };
    configPull = params.capabilities.workspace?.configuration === true;
    watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    workspaceRoots = (params.workspaceFolders ?? [])
      .map((f) => uriToPath(f.uri))
      .filter((p): p is string => p !== null);
    if (workspaceRoots.length === 0 && params.rootUri) {
      const p = uriToPath(params.rootUri);
      if (p) workspaceRoots.push(p);
    }
    const init = (params.initializationOptions ?? {}) as InitOptions;
    trusted = init.trusted !== false;
    if (typeof init.analysisBudgetMs === 'number' && init.analysisBudgetMs > 0)
      budgetMs = init.analysisBudgetMs;
    const watchdog = (): Watchdog =>
      new Watchdog({
        script: workerScript,
        budgetMs,
        stallMs: Math.min(STALL_MS, budgetMs),
        log: (level, message) =>
          level === 'error'
            ? connection.console.error(message)
            : level === 'warn'
              ? connection.console.warn(message)
              : connection.console.info(message),
        index: () => indexer.current(),
        onSummary: (file, objects) => indexer.setOpen(file, objects),
      });
    lanes = [watchdog(), watchdog()];
    // The first worker loads at once; the second when a job first moves to it (about 0.2 s), so it does
    // not compete with the first analyses.
    void lanes[0].warm();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: {
          codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Refactor, FIX_ALL_KIND],
          resolveProvider: false,
        },
        hoverProvider: true,
        executeCommandProvider: { commands: [TREAT_AS_COMPOSE] },
        ...EDITOR_CAPABILITIES,
      },
      serverInfo: { name: 'shipshape' },
    };
  });

  connection.onInitialized(() => {
    indexer.start(workspaceRoots);
    // The files the index reads, beside the configuration files the client already watches.
    if (watchFiles && workspaceRoots.length > 0)
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{yaml,yml,json}' }, { globPattern: '**/Kustomization' }],
      });
    if (configPull)
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'shipshape' });
  });

  connection.onShutdown(async () => {
    await Promise.all([...(lanes?.map((l) => l.close()) ?? []), indexer.close(), editor.close()]);
  });

  function invalidate(): void {
    generation++;
    stopped.clear();
    void run({ op: 'reset' });
    for (const d of documents.all()) schedule(d.uri);
  }

  connection.onDidChangeConfiguration(() => {
    settingsByUri.clear();
    invalidate();
  });
  connection.onDidChangeWatchedFiles((p) => {
    const paths = p.changes.map((c) => uriToPath(c.uri)).filter((f): f is string => f !== null);
    indexer.filesChanged(paths);
    // Manifests only change the index (which re-analyses open documents when it changes); configuration
    // files and the rest change everything.
    if (paths.length < p.changes.length || paths.some((f) => !MANIFEST_FILE.test(f) || CONFIG_FILE.test(f)))
      invalidate();
  });
  connection.onNotification(TRUST_NOTIFICATION, (p: { trusted?: unknown }) => {
    trusted = p.trusted !== false;
    invalidate();
  });

  /**
   * The document's settings. Nothing is analysed before they are known: a result computed with defaults
   * (a rule the user turned off) would be published or cached and stay until the next keystroke.
   */
  function settingsFor(uri: string): Promise<Settings> {
    let s = settingsByUri.get(uri);
    if (!s) {
      s = configPull
        ? connection.workspace.getConfiguration({ scopeUri: uri, section: 'shipshape' }).then(
            (value: unknown) => {
              const read = readSettings(value);
              warnAboutRuleSettings(read.rules, (m) => connection.console.warn(m));
              return read;
            },
            () => defaultSettings(),
          )
        : Promise.resolve(defaultSettings());
      settingsByUri.set(uri, s);
    }
    return s;
  }

  /** Runs a job in the document's worker; forget and reset go to both. */
  async function run<T>(job: Job, doc?: DocumentState, isStale?: () => boolean): Promise<Outcome<T>> {
    if (!lanes) return { kind: 'failed', error: 'not initialised' };
    if (!doc) {
      const [a] = await Promise.all(lanes.map((l) => l.run<T>(job)));
      return a ?? { kind: 'failed', error: 'no worker' };
    }
    let lane = laneOf.get(doc.uri) ?? (doc.text.length > BIG_CHARS ? 1 : 0);
    // Each move needs another document's job to have stalled, so a few hops are enough.
    for (let hops = 0; ; hops++) {
      laneOf.set(doc.uri, lane);
      const o = await lanes[lane].run<T>(job, doc, isStale, hops >= 3);
      if (o.kind !== 'moved') return o;
      void lanes[lane].run({ op: 'forget', uri: doc.uri });
      lane = lane === 0 ? 1 : 0;
    }
  }

  function stateOf(doc: TextDocument): DocumentState {
    return { uri: doc.uri, languageId: doc.languageId, version: doc.version, text: doc.getText() };
  }

  function context(doc: TextDocument, settings: Settings): RequestContext {
    const language = treatedAsCompose.has(doc.uri) ? ('compose' as const) : undefined;
    return {
      settings,
      generation,
      workspaceRoots,
      caps,
      trusted,
      syntaxOnly: tooLarge(doc, settings),
      ...(language ? { language } : {}),
    };
  }

  /**
   * Over `shipshape.maxFileSize`: the document is checked for syntax errors only, under the same deadline
   * (and in the second worker from the start, being over BIG_CHARS); the worker adds the notice.
   */
  function tooLarge(doc: TextDocument, settings: Settings): boolean {
    const text = doc.getText();
    const limit = settings.maxFileSize * 1024 * 1024;
    // Byte length only when the UTF-16 length leaves it open: a UTF-16 unit is one to three UTF-8 bytes.
    return text.length > limit || (text.length * 3 > limit && Buffer.byteLength(text) > limit);
  }

  /** Why a document is not analysed (its analysis was stopped), as one info diagnostic. */
  function skipped(doc: TextDocument): Diagnostic | undefined {
    const text = doc.getText();
    if (stopped.has(doc.uri) && stopped.get(doc.uri) === digest(text))
      return notice(
        `Shipshape stopped analysing this file after ${Math.round(budgetMs / 100) / 10} s; ` +
          'it tries again after the next edit.',
      );
    return undefined;
  }

  function markStopped(doc: TextDocument): void {
    stopped.set(doc.uri, digest(doc.getText()));
    schedule(doc.uri);
  }

  async function diagnose(doc: TextDocument): Promise<Diagnostic[] | undefined> {
    const settings = await settingsFor(doc.uri);
    if (!settings.enable) return [];
    const skip = skipped(doc);
    if (skip) return [skip];
    const { uri, version } = doc;
    const o = await run<Diagnostic[]>(
      { op: 'diagnostics', uri, ctx: context(doc, settings) },
      stateOf(doc),
      // Stale too once an earlier job on this very text ran past the budget: it would only hang again.
      () => documents.get(uri)?.version !== version || skipped(doc) !== undefined,
    );
    if (o.kind === 'done') return o.value;
    if (o.kind === 'stopped') {
      stopped.set(uri, digest(doc.getText()));
      const skip = skipped(doc);
      return skip ? [skip] : [];
    }
    if (o.kind === 'failed') connection.console.error(`shipshape: analysis of ${uri} failed: ${o.error}`);
    return undefined;
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
      if (doc) void publish(doc);
    }
  }

  async function publish(doc: TextDocument): Promise<void> {
    const gen = generation;
    const diagnostics = await diagnose(doc);
    // A newer edit or new settings may have arrived meanwhile; their own run publishes instead.
    if (!diagnostics || gen !== generation || documents.get(doc.uri)?.version !== doc.version) return;
    published.set(doc.uri, { version: doc.version, diagnostics });
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
    void publishShellcheck(doc, gen, diagnostics);
  }

  /**
   * ShellCheck's findings on a Dockerfile's RUN instructions, published with the ordinary ones once they
   * are in (see lsp/shellcheck.ts). A newer version or new settings make the pass stop and publish nothing.
   */
  async function publishShellcheck(doc: TextDocument, gen: number, diagnostics: Diagnostic[]): Promise<void> {
    const { uri, version } = doc;
    const stale = (): boolean => gen !== generation || documents.get(uri)?.version !== version;
    // Only Dockerfiles have RUN instructions: other documents never cost a worker round trip.
    if (detectLanguage(uri, doc.languageId) !== 'dockerfile') return;
    const settings = await settingsFor(uri);
    const runner = shellcheck.runner(settings.shellcheck, trusted);
    if (!runner || !settings.enable || skipped(doc) || diagnostics.length >= 1000) return;
    const ctx = context(doc, settings);
    const scripts = await run<ScriptJob[]>({ op: 'shellScripts', uri, ctx }, stateOf(doc), stale);
    if (scripts.kind !== 'done' || scripts.value.length === 0 || stale()) return;
    const results = await shellcheck.results(runner, scripts.value, stale);
    if (!results) return;
    const o = await run<Diagnostic[]>({ op: 'shellDiagnostics', uri, ctx, results }, stateOf(doc), stale);
    if (o.kind !== 'done' || o.value.length === 0 || stale()) return;
    void connection.sendDiagnostics({ uri, version, diagnostics: [...diagnostics, ...o.value] });
  }

  documents.onDidOpen((e) => schedule(e.document.uri));
  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    pending.delete(uri);
    stopped.delete(uri);
    settingsByUri.delete(uri);
    laneOf.delete(uri);
    const path = uriToPath(uri);
    if (path) indexer.setOpen(path, undefined);
    void run({ op: 'forget', uri });
    editor.forget(uri);
    published.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.onCodeAction(async (params: CodeActionParams): Promise<CodeAction[]> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const settings = await settingsFor(doc.uri);
    if (skipped(doc)) return [];
    const o = await run<CodeAction[]>(
      { op: 'codeActions', uri: doc.uri, ctx: context(doc, settings), params },
      stateOf(doc),
    );
    if (o.kind === 'stopped') markStopped(doc);
    return o.kind === 'done' ? o.value : [];
  });

  connection.onHover(async (params: HoverParams): Promise<Hover | null> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    await settingsFor(doc.uri);
    if (skipped(doc)) return null;
    // Findings from what is published for this version (no job behind other analyses), else the docs.
    const shown = published.get(doc.uri);
    const findings =
      shown?.version === doc.version ? findingsHover(shown.diagnostics, params.position) : null;
    return preferFindings(findings, findings ? null : await editor.hover(doc.uri, params.position));
  });

  // "Treat as Compose": remembered per document for the session, then the document is analysed again.
  connection.onExecuteCommand((params) => {
    const uri = params.arguments?.[0];
    if (params.command !== TREAT_AS_COMPOSE || typeof uri !== 'string') return;
    treatedAsCompose.add(uri);
    schedule(uri);
  });

  documents.listen(connection);
  connection.listen();
}

/** Documents the workspace index may change the findings of: YAML and JSON, whatever the language id. */
function mayBeManifest(doc: TextDocument): boolean {
  return ['yaml', 'json', 'jsonc'].includes(doc.languageId) || /\.(ya?ml|json)$/i.test(doc.uri);
}

function digest(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}
