/**
 * A real Language Server Protocol client for tests and benchmarks: it spawns a server process
 * (`node <serverPath> --stdio`), speaks JSON-RPC over its stdin/stdout and behaves like a small editor.
 *
 *     const client = await start('server/out/server.js', { settings: { shipshape: { rules: {} } } });
 *     await client.open(uri, 'dockerfile', text);
 *     const { diagnostics } = await client.waitForDiagnostics(uri);
 *     await client.change(uri, 2, edited);
 *     await client.waitForDiagnostics(uri, undefined, 2);  // the publish for version 2
 *     const actions = await client.codeActions(uri, diagnostics[0]!.range, ['quickfix']);
 *     await client.shutdown();
 *
 * Waiting is event-driven: `waitForDiagnostics` resolves from the publishDiagnostics notification itself,
 * counting from the latest open/change/close sent for that document, so it is called after sending and
 * cannot miss an answer that arrived in between. Its timeout is only a safety net that fails the test with
 * what the server did publish and wrote to stderr.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  CodeAction,
  CodeActionKind,
  Command,
  ConfigurationItem,
  ConfigurationParams,
  CreateFile,
  Diagnostic,
  Hover,
  InitializeResult,
  Position,
  PublishDiagnosticsParams,
  Range,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';

/**
 * What `workspace/configuration` answers: a settings tree keyed by section (`{ shipshape: { rules: {…} } }`,
 * dotted sections such as `docker.languageserver.diagnostics` are looked up path by path; a missing section
 * answers `null`, as VS Code does for settings nobody declared), or a function of the requested item.
 */
export type Settings = Record<string, unknown> | ((item: ConfigurationItem) => unknown);

export interface StartOptions {
  /** Answers to `workspace/configuration`. Default `{}`. */
  settings?: Settings;
  /** When given, `workspace/configuration` is answered only once it settles (a slow editor). */
  configurationGate?: Promise<unknown>;
  /** Arguments after the server path. Default `['--stdio']`. */
  args?: string[];
  /** Working directory of the server process. */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** `rootUri` and the single workspace folder; `null` (the default) opens files without a workspace. */
  rootUri?: string | null;
  initializationOptions?: unknown;
  /** Extra client capabilities, merged over the defaults at the top level of each group. */
  capabilities?: ClientCapabilities;
  /** Safety-net timeout for waits and requests, in milliseconds. Default 10 000. */
  timeoutMs?: number;
}

/** A publishDiagnostics notification, with the time (performance.now()) it arrived. */
export interface Published extends PublishDiagnosticsParams {
  receivedAt: number;
  /** Order of arrival over all documents, from 1. */
  seq: number;
}

interface Waiter {
  uri: string;
  accept(p: Published): boolean;
  resolve(p: Published): void;
  reject(e: Error): void;
}

const DEFAULT_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: false, willSave: false },
    publishDiagnostics: {
      relatedInformation: true,
      versionSupport: true,
      codeDescriptionSupport: true,
      dataSupport: true,
      tagSupport: { valueSet: [1, 2] },
    },
    codeAction: {
      dynamicRegistration: false,
      isPreferredSupport: true,
      dataSupport: true,
      resolveSupport: { properties: ['edit'] },
      codeActionLiteralSupport: {
        codeActionKind: {
          valueSet: [
            '',
            'quickfix',
            'refactor',
            'refactor.extract',
            'refactor.inline',
            'refactor.rewrite',
            'source',
            'source.organizeImports',
            'source.fixAll',
          ],
        },
      },
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
  },
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    applyEdit: true,
    workspaceFolders: true,
    workspaceEdit: {
      documentChanges: true,
      resourceOperations: ['create'],
      failureHandling: 'abort',
    },
  },
  window: { workDoneProgress: true },
  general: { positionEncodings: ['utf-16'] },
};

function mergeCapabilities(extra: ClientCapabilities | undefined): ClientCapabilities {
  if (!extra) return DEFAULT_CAPABILITIES;
  const out: Record<string, unknown> = { ...DEFAULT_CAPABILITIES };
  for (const [k, v] of Object.entries(extra)) {
    const base = out[k];
    out[k] =
      base && typeof base === 'object' && v && typeof v === 'object'
        ? { ...(base as object), ...(v as object) }
        : v;
  }
  return out as ClientCapabilities;
}

function lookupSection(settings: Record<string, unknown>, section: string | undefined): unknown {
  if (!section) return settings;
  if (section in settings) return settings[section];
  let cur: unknown = settings;
  for (const part of section.split('.')) {
    if (!cur || typeof cur !== 'object' || !(part in cur)) return null;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur ?? null;
}

export class LspClient {
  /** Everything the server published, in order of arrival. */
  readonly published: Published[] = [];
  /** Edits the server asked the client to apply (`workspace/applyEdit`); each was answered `applied: true`. */
  readonly appliedEdits: WorkspaceEdit[] = [];
  /** `window/logMessage` and `window/showMessage` texts. */
  readonly messages: string[] = [];
  initializeResult: InitializeResult | undefined;

  private settings: Settings;
  private readonly timeoutMs: number;
  private readonly waiters = new Set<Waiter>();
  /** Per document: the `seq` of the last publish before the latest open/change/close we sent. */
  private readonly marks = new Map<string, number>();
  private readonly versions = new Map<string, number>();
  private stderr = '';
  private exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exitPromise: Promise<void>;
  private shutdownPromise: Promise<void> | undefined;

  private constructor(
    private readonly proc: ChildProcessWithoutNullStreams,
    private readonly connection: MessageConnection,
    opts: StartOptions,
  ) {
    this.settings = opts.settings ?? {};
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-20_000);
    });
    this.exitPromise = new Promise((resolve) => {
      proc.on('exit', (code, signal) => {
        this.exited = { code, signal };
        const error = new Error(
          `language server exited (code ${code}, signal ${signal})${this.stderrTail()}`,
        );
        for (const w of this.waiters) w.reject(error);
        this.waiters.clear();
        resolve();
      });
    });

    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const p: Published = { ...params, receivedAt: performance.now(), seq: this.published.length + 1 };
      this.published.push(p);
      for (const w of [...this.waiters])
        if (w.uri === p.uri && w.accept(p)) {
          this.waiters.delete(w);
          w.resolve(p);
        }
    });
    connection.onNotification(
      'window/logMessage',
      (p: { message: string }) => void this.messages.push(p.message),
    );
    connection.onNotification(
      'window/showMessage',
      (p: { message: string }) => void this.messages.push(p.message),
    );
    const gate = opts.configurationGate;
    connection.onRequest('workspace/configuration', async (params: ConfigurationParams) => {
      if (gate) await gate;
      return params.items.map((item) => {
        const s = this.settings;
        return typeof s === 'function' ? (s(item) ?? null) : lookupSection(s, item.section);
      });
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('window/showMessageRequest', () => null);
    connection.onRequest('workspace/workspaceFolders', () => this.workspaceFolders);
    connection.onRequest('workspace/applyEdit', (params: { edit: WorkspaceEdit }) => {
      this.appliedEdits.push(params.edit);
      return { applied: true };
    });
    for (const method of [
      'workspace/diagnostic/refresh',
      'workspace/codeLens/refresh',
      'workspace/semanticTokens/refresh',
      'workspace/inlayHint/refresh',
      'workspace/inlineValue/refresh',
    ])
      connection.onRequest(method, () => null);
    connection.listen();
  }

  private workspaceFolders: { uri: string; name: string }[] | null = null;

  /** Spawns `node <serverPath> --stdio`, then runs initialize and initialized. */
  static async start(serverPath: string, opts: StartOptions = {}): Promise<LspClient> {
    const proc = spawn(process.execPath, [...nodeArgs(), serverPath, ...(opts.args ?? ['--stdio'])], {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const connection = createMessageConnection(
      new StreamMessageReader(proc.stdout),
      new StreamMessageWriter(proc.stdin),
    );
    const client = new LspClient(proc, connection, opts);
    const rootUri = opts.rootUri ?? null;
    client.workspaceFolders = rootUri
      ? [{ uri: rootUri, name: rootUri.split('/').pop() || 'workspace' }]
      : null;
    try {
      client.initializeResult = await client.request<InitializeResult>('initialize', {
        processId: process.pid,
        clientInfo: { name: 'shipshape-test-client', version: '1.0.0' },
        locale: 'en',
        rootUri,
        workspaceFolders: client.workspaceFolders,
        capabilities: mergeCapabilities(opts.capabilities),
        initializationOptions: opts.initializationOptions,
        trace: 'off',
      });
      await connection.sendNotification('initialized', {});
    } catch (e) {
      client.kill();
      throw e;
    }
    return client;
  }

  /** Sends a request; fails after the safety-net timeout or when the server exits. */
  request<R>(method: string, params: unknown): Promise<R> {
    if (this.exited) return Promise.reject(new Error(`language server has exited${this.stderrTail()}`));
    return this.withTimeout(
      Promise.race([
        this.connection.sendRequest<R>(method, params),
        this.exitPromise.then(() => {
          throw new Error(`language server exited during ${method}${this.stderrTail()}`);
        }),
      ]),
      `${method} request`,
    );
  }

  async notify(method: string, params: unknown): Promise<void> {
    await this.connection.sendNotification(method, params);
  }

  /** Replaces the settings and tells the server (pull model: it asks `workspace/configuration` again). */
  async updateSettings(settings: Settings): Promise<void> {
    this.settings = settings;
    for (const uri of this.versions.keys()) this.mark(uri);
    await this.notify('workspace/didChangeConfiguration', { settings: null });
  }

  async open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    this.mark(uri);
    this.versions.set(uri, version);
    await this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Full-text synchronisation: the whole new text in one content change. */
  async change(uri: string, version: number, text: string): Promise<void> {
    this.mark(uri);
    this.versions.set(uri, version);
    await this.notify('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  async close(uri: string): Promise<void> {
    this.mark(uri);
    this.versions.delete(uri);
    await this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** The version last sent for a document. */
  version(uri: string): number | undefined {
    return this.versions.get(uri);
  }

  /** The latest diagnostics published for a document (empty when none were). */
  diagnostics(uri: string): Diagnostic[] {
    for (let i = this.published.length - 1; i >= 0; i--) {
      const p = this.published[i];
      if (p && p.uri === uri) return p.diagnostics;
    }
    return [];
  }

  /**
   * The first publishDiagnostics for `uri` that arrives after the latest open/change/close/settings update
   * this client sent for it (already arrived or still to come) and matches: when `version` is given, a
   * publish carrying a version must carry that one (a publish without a version is taken as the answer to
   * the latest change); `predicate`, when given, must hold.
   */
  waitForDiagnostics(
    uri: string,
    predicate?: (diagnostics: Diagnostic[], published: Published) => boolean,
    version?: number,
  ): Promise<Published> {
    const accept = (p: Published) =>
      (version === undefined || p.version === undefined || p.version === null || p.version === version) &&
      (!predicate || predicate(p.diagnostics, p));
    const mark = this.marks.get(uri) ?? 0;
    for (const p of this.published) if (p.seq > mark && p.uri === uri && accept(p)) return Promise.resolve(p);
    if (this.exited) return Promise.reject(new Error(`language server has exited${this.stderrTail()}`));
    return new Promise<Published>((resolve, reject) => {
      const waiter: Waiter = { uri, accept, resolve, reject };
      this.waiters.add(waiter);
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = this.published
          .filter((p) => p.uri === uri)
          .slice(-5)
          .map((p) => `  version ${p.version ?? '-'}: ${p.diagnostics.length} diagnostics`)
          .join('\n');
        reject(
          new Error(
            `no matching publishDiagnostics for ${uri}` +
              `${version === undefined ? '' : ` version ${version}`} within ${this.timeoutMs} ms` +
              `\nlast publishes for this document:\n${seen || '  (none)'}${this.stderrTail()}`,
          ),
        );
      }, this.timeoutMs);
      waiter.resolve = (p) => {
        clearTimeout(timer);
        resolve(p);
      };
      waiter.reject = (e) => {
        clearTimeout(timer);
        reject(e);
      };
    });
  }

  /**
   * `textDocument/codeAction` for a range. The context carries the latest published diagnostics that touch
   * the range, as an editor sends them.
   */
  codeActions(uri: string, range: Range, only?: CodeActionKind[]): Promise<(CodeAction | Command)[]> {
    const diagnostics = this.diagnostics(uri).filter((d) => rangesTouch(d.range, range));
    return this.request<(CodeAction | Command)[] | null>('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}), triggerKind: 1 },
    }).then((r) => r ?? []);
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
  }

  /** shutdown, exit, and waits for the process to end (killing it if it does not). Safe to call twice. */
  shutdown(): Promise<void> {
    this.shutdownPromise ??= (async () => {
      if (!this.exited) {
        try {
          await this.request('shutdown', null);
          await this.notify('exit', null);
        } catch {
          // The process is killed below.
        }
        const timer = setTimeout(() => this.kill(), 2_000);
        await this.exitPromise;
        clearTimeout(timer);
      }
      this.connection.dispose();
    })();
    return this.shutdownPromise;
  }

  /** Ends the server process at once. */
  kill(): void {
    if (!this.exited) this.proc.kill('SIGKILL');
  }

  /** What the server wrote to stderr (the last 20 000 characters). */
  get stderrText(): string {
    return this.stderr;
  }

  private mark(uri: string): void {
    this.marks.set(uri, this.published.length);
  }

  private stderrTail(): string {
    const tail = this.stderr.trim().split('\n').slice(-20).join('\n');
    return tail ? `\nserver stderr:\n${tail}` : '';
  }

  private withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${what} got no answer within ${this.timeoutMs} ms${this.stderrTail()}`)),
        this.timeoutMs,
      );
      promise.then(
        (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        (e: unknown) => {
          clearTimeout(timer);
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  }
}

/** Spawns a server and initializes it; see {@link LspClient}. */
export function start(serverPath: string, opts?: StartOptions): Promise<LspClient> {
  return LspClient.start(serverPath, opts);
}

function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

function rangesTouch(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

/** Offsets of line starts; a line break is `\n`, `\r\n` or `\r`. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) starts.push(i + 1);
  }
  return starts;
}

/** A position as a UTF-16 offset; as LSP says, a character past the line end means the line end. */
function offsetAt(text: string, starts: number[], p: Position): number {
  if (p.line < 0) return 0;
  const start = starts[p.line];
  if (start === undefined) return text.length;
  let end = starts[p.line + 1] ?? text.length;
  while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return Math.min(start + Math.max(0, p.character), end);
}

function isTextDocumentEdit(c: unknown): c is TextDocumentEdit {
  return !!c && typeof c === 'object' && 'textDocument' in c && 'edits' in c;
}

/** The text edits a workspace edit makes to one document (`documentChanges` win over `changes`). */
export function editsFor(edit: WorkspaceEdit, uri: string): TextEdit[] {
  if (edit.documentChanges)
    return edit.documentChanges
      .filter((c): c is TextDocumentEdit => isTextDocumentEdit(c) && c.textDocument.uri === uri)
      .flatMap((c) =>
        c.edits.map((e) => {
          if (!('newText' in e)) throw new Error('snippet text edits are not supported');
          return { range: e.range, newText: e.newText };
        }),
      );
  return edit.changes?.[uri] ?? [];
}

/**
 * Applies the edits a WorkspaceEdit makes to `uri` (TextDocumentEdits in `documentChanges`, or `changes`)
 * to `text`, the way an editor does: all ranges refer to the original text; overlapping edits are an error.
 */
export function applyWorkspaceEdit(text: string, edit: WorkspaceEdit, uri: string): string {
  const starts = lineStarts(text);
  const edits = editsFor(edit, uri)
    .map((e, i) => ({
      start: offsetAt(text, starts, e.range.start),
      end: offsetAt(text, starts, e.range.end),
      newText: e.newText,
      i,
    }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
  let out = '';
  let at = 0;
  for (const e of edits) {
    if (e.end < e.start) throw new Error(`edit ${e.i} has its end before its start`);
    if (e.start < at) throw new Error(`edit ${e.i} overlaps an earlier edit`);
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

/** Files a WorkspaceEdit creates (`CreateFile` operations), by uri, with the text later edits put in them. */
export function filesCreatedBy(edit: WorkspaceEdit): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of edit.documentChanges ?? [])
    if (c && typeof c === 'object' && 'kind' in c && c.kind === 'create') {
      const create = c as CreateFile;
      out.set(create.uri, applyWorkspaceEdit('', edit, create.uri));
    }
  return out;
}

/**
 * Node options for the server process from `LSP_NODE_ARGS` (for example `--cpu-prof --cpu-prof-dir=/tmp/p`
 * to profile a server a benchmark starts); none by default.
 */
function nodeArgs(): string[] {
  return (process.env.LSP_NODE_ARGS ?? '').split(' ').filter(Boolean);
}
