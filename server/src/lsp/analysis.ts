import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  CodeActionTriggerKind,
  DiagnosticSeverity,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
} from 'vscode-languageserver/node';
import { isIgnored, isLevel, type Config } from '../core/config';
import type { IndexedObject, KubernetesIndex } from '../core/kubernetes-index';
import { sameObjects } from '../languages/kubernetes/workspace';
import { isPreset } from '../core/presets';
import type { Finding, Host } from '../core/rule';
import { rangesOverlap, TextDoc } from '../core/text';
import { Engine, noFiles, type FileResult, type SourceFile } from '../engine';
import type { Language } from '../core/rule';
import { chosenLanguage, treatAsComposeAction } from './compose-choice';
import { detectLanguage } from '../languages/detect';
import { fixAll } from '../fix-all';
import { clearConfigCache, diskHost, loadConfig } from '../workspace';
import {
  FIX_ALL_KIND,
  minimalEdit,
  SOURCE,
  toCodeAction,
  toDiagnostic,
  workspaceEdit,
  type EditCapabilities,
} from './convert';
import { configDiagnostics, configQuickFixes, warnOnce } from './config-diagnostics';
import type { Settings } from './settings';
import { ShellcheckScripts, type ScriptJob } from './shellcheck';
import type { ShellcheckComment } from '../shellcheck';

/** At most this many diagnostics are published for one file; one more says how many were left out. */
export const MAX_DIAGNOSTICS = 1000;

/** What every request carries: the client's settings for the document and the workspace around it. */
export interface RequestContext {
  settings: Settings;
  /** Changes whenever settings or configuration files may have changed: cached results are then stale. */
  generation: number;
  workspaceRoots: string[];
  caps: EditCapabilities;
  /** VS Code workspace trust: an untrusted workspace cannot point Shipshape at other files. */
  trusted: boolean;
  /** The kind the user chose for this document ("Treat as Compose"), over detection. */
  language?: Language;
  /**
   * The document is over `shipshape.maxFileSize`: only its syntax is checked (see Engine.analyze), and
   * nothing else is offered — no configuration diagnostics, refactorings or fix-all.
   */
  syntaxOnly?: boolean;
}

export interface DocumentState {
  uri: string;
  languageId: string;
  version: number;
  text: string;
}

interface Analysed {
  version: number;
  language: Language | undefined;
  generation: number;
  syntaxOnly: boolean;
  result: FileResult | null;
  diagnostics: Diagnostic[];
}

/** An info diagnostic about Shipshape itself (a limit reached), at the start of the file. */
export function notice(message: string): Diagnostic {
  const at = { line: 0, character: 0 };
  return { range: { start: at, end: at }, severity: DiagnosticSeverity.Information, source: SOURCE, message };
}

/** The notice on a file over `shipshape.maxFileSize`, which is checked for syntax errors only. */
export function sizeNotice(text: string, maxFileSizeMb: number): Diagnostic {
  const mb = Number((Buffer.byteLength(text) / 1024 / 1024).toPrecision(2));
  return notice(
    `Shipshape checks files over ${maxFileSizeMb} MB (shipshape.maxFileSize) for syntax errors only; ` +
      `this one is ${mb} MB.`,
  );
}

/**
 * The engine side of the language server: documents, parse caches and results, and the answers built
 * from findings (diagnostics, code actions, hovers). It runs in the analysis worker, so nothing here may
 * touch the LSP connection; `log` goes to the server's console.
 */
export class Analyser {
  private readonly engine = new Engine();
  private readonly documents = new Map<string, DocumentState>();
  private readonly analysed = new Map<string, Analysed>();
  /** The workspace index (lsp/workspace-index.ts), once the main thread has sent one. */
  private index: KubernetesIndex | undefined;
  /** What was last said to the index about each open document's objects. */
  private readonly summaries = new Map<string, IndexedObject[]>();
  private readonly shell = new ShellcheckScripts();

  constructor(
    private readonly log: (level: 'error' | 'warn', message: string) => void,
    private readonly onSummary: (file: string, objects: IndexedObject[]) => void = () => undefined,
  ) {}

  setIndex(index: KubernetesIndex): void {
    this.index = index;
    this.analysed.clear();
  }

  /** The host of a document, with the workspace index. */
  private hostFor(uri: string, ctx: RequestContext): { config: Config; host: Host; ignored: boolean } {
    const c = configFor(uri, ctx);
    return this.index ? { ...c, host: { ...c.host, kubernetes: this.index } } : c;
  }

  /** Tells the index an open document's objects when they changed since it was last told. */
  private summarize(uri: string): void {
    // Untitled documents are in no folder: they are not part of the application.
    if (!uri.startsWith('file:')) return;
    const name = uriToName(uri);
    const objects = this.engine.kubernetesObjects(name) ?? [];
    const before = this.summaries.get(uri);
    if (before === undefined ? objects.length === 0 : sameObjects(before, objects)) return;
    this.summaries.set(uri, objects);
    this.onSummary(name, objects);
  }

  update(doc: DocumentState): void {
    this.documents.set(doc.uri, doc);
  }

  has(uri: string, version: number): boolean {
    return this.documents.get(uri)?.version === version;
  }

  forget(uri: string): void {
    this.documents.delete(uri);
    this.summaries.delete(uri);
    this.analysed.delete(uri);
    this.shell.forget(uri);
    this.engine.forget(uriToName(uri));
  }

  /** Configuration files may have changed on disk. */
  reset(): void {
    this.analysed.clear();
    clearConfigCache();
  }

  diagnostics(uri: string, ctx: RequestContext): Diagnostic[] {
    const entry = this.analyse(uri, ctx);
    const doc = this.documents.get(uri);
    if (!entry || !doc) return [];
    // Said only on files Shipshape checks (a kind it knows, not ignored), first as it concerns the rest.
    const limited = entry.syntaxOnly && entry.result ? [sizeNotice(doc.text, ctx.settings.maxFileSize)] : [];
    if (entry.diagnostics.length <= MAX_DIAGNOSTICS) return [...limited, ...entry.diagnostics];
    const more = entry.diagnostics.length - MAX_DIAGNOSTICS;
    return [
      ...limited,
      ...entry.diagnostics.slice(0, MAX_DIAGNOSTICS),
      notice(`Shipshape shows the first ${MAX_DIAGNOSTICS} problems of a file; ${more} more are not shown.`),
    ];
  }

  codeActions(uri: string, params: CodeActionParams, ctx: RequestContext): CodeAction[] {
    const doc = this.documents.get(uri);
    const entry = this.analyse(uri, ctx);
    if (!doc || !entry) return [];
    const findings = entry.result?.findings ?? [];
    const only = params.context.only;
    // A file over the size limit gets the quick fixes of its (syntax) findings and nothing more.
    const full = !entry.syntaxOnly;
    const wantsFixAll =
      full &&
      (only?.some((k) => FIX_ALL_KIND.startsWith(k) && k !== CodeActionKind.QuickFix && k !== '') ?? false);
    const wantsQuickFix = !only || only.some((k) => CodeActionKind.QuickFix.startsWith(k));
    const out: CodeAction[] = [];
    const caps = ctx.caps;
    const path = uriToPath(doc.uri);
    const resolveCreate = (rel: string): string | null =>
      path ? pathToFileURL(join(dirname(path), rel)).toString() : null;
    if (wantsQuickFix) {
      const hits = findings.flatMap((f, i) => (rangesOverlap(f.range, params.range) ? [i] : []));
      // "Ignore this finding", after each finding's fixes: never preferred, never part of fix-all.
      const ignores = full
        ? this.engine.ignoreFixes(
            { name: uriToName(doc.uri), languageId: doc.languageId, text: doc.text },
            hits.map((i) => findings[i] as Finding),
            ...configAndHost(doc.uri, ctx),
          )
        : [];
      hits.forEach((i, k) => {
        const f = findings[i] as Finding;
        const diag = entry.diagnostics[i] as Diagnostic;
        if (f.fixable)
          for (const fix of f.fixes()) {
            const action = toCodeAction(doc.uri, doc.version, f, fix, diag, resolveCreate, caps);
            if (action) out.push(action);
          }
        const ignore = ignores[k];
        if (ignore)
          out.push({
            title: ignore.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diag],
            isPreferred: false,
            edit: workspaceEdit(doc.uri, doc.version, ignore.edits, [], caps),
          });
      });
      if (full)
        out.push(...configQuickFixes(doc.uri, doc.version, uriToName(doc.uri), doc.text, params.range, caps));
    }
    // Refactorings ("Add a HorizontalPodAutoscaler" on a Deployment) are offered wherever the cursor is, so
    // only when asked: `only` names refactors, or the user invoked the menu. The lightbulb VS Code asks for
    // on every cursor move (triggerKind Automatic) shows quick fixes alone, and does not sit on every line.
    const wantsRefactor =
      full &&
      (only
        ? only.some((k) => CodeActionKind.Refactor.startsWith(k) || k.startsWith(CodeActionKind.Refactor))
        : params.context.triggerKind !== CodeActionTriggerKind.Automatic);
    const treat = wantsRefactor ? treatAsComposeAction(doc, uriToName(doc.uri), entry.result !== null) : null;
    if (treat) out.push(treat);
    if (wantsRefactor) {
      const { config, host } = this.hostFor(doc.uri, ctx);
      const file = this.fileOf(doc, ctx);
      for (const spec of this.engine.assists(file, params.range, config, host))
        out.push({
          title: spec.title,
          kind: CodeActionKind.Refactor,
          edit: workspaceEdit(doc.uri, doc.version, spec.edits, [], caps),
        });
    }
    if (wantsFixAll) {
      const { config, host } = this.hostFor(doc.uri, ctx);
      const text = doc.text;
      const fixed = fixAll(this.engine, this.fileOf(doc, ctx), config, host);
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
  }

  /** The RUN scripts ShellCheck should see (shellcheck.ts); none for files Shipshape does not check in full. */
  shellScripts(uri: string, ctx: RequestContext): ScriptJob[] {
    const doc = this.documents.get(uri);
    if (!doc || !ctx.settings.enable || ctx.syntaxOnly || configFor(uri, ctx).ignored) return [];
    return this.shell.scripts(doc, uriToName(uri));
  }

  shellDiagnostics(
    uri: string,
    ctx: RequestContext,
    results: [string, ShellcheckComment[] | null][],
  ): Diagnostic[] {
    const doc = this.documents.get(uri);
    return doc ? this.shell.diagnostics(doc, configFor(uri, ctx).config, results) : [];
  }

  /** The document as the engine sees it, with the kind the user chose or a Compose file implies. */
  private fileOf(doc: DocumentState, ctx: RequestContext): SourceFile {
    const name = uriToName(doc.uri);
    const path = uriToPath(doc.uri);
    const open = [...this.documents.values()]
      .filter(
        (d) => d !== doc && uriToPath(d.uri) && detectLanguage(uriToName(d.uri), d.languageId) === 'compose',
      )
      .map((d) => ({ path: uriToPath(d.uri) as string, text: d.text }));
    const chosen = chosenLanguage(doc, name, path, {
      chosen: ctx.language,
      root: path ? rootFor(ctx.workspaceRoots, path) : undefined,
      open,
    });
    return { name, languageId: doc.languageId, text: doc.text, ...(chosen ?? {}) };
  }

  private analyse(uri: string, ctx: RequestContext): Analysed | undefined {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    const syntaxOnly = ctx.syntaxOnly === true;
    const cached = this.analysed.get(uri);
    if (
      cached &&
      cached.version === doc.version &&
      cached.language === ctx.language &&
      cached.generation === ctx.generation &&
      cached.syntaxOnly === syntaxOnly
    )
      return cached;
    let result: FileResult | null = null;
    if (ctx.settings.enable) {
      const { config, host, ignored } = this.hostFor(doc.uri, ctx);
      if (!ignored) {
        try {
          result = this.engine.analyze(this.fileOf(doc, ctx), config, host, { syntaxOnly });
          if (!syntaxOnly) this.summarize(doc.uri);
        } catch (e) {
          this.log('error', `shipshape: analysis failed for ${doc.uri}: ${String((e as Error).stack ?? e)}`);
        }
        for (const err of result?.internalErrors ?? [])
          this.log('error', `shipshape: rule ${err.ruleId} failed: ${err.error}`);
        for (const p of config.problems) warnOnce(`shipshape: ${p}`, (m) => this.log('warn', m));
      }
    }
    const diagnostics = (result?.findings ?? []).map(toDiagnostic);
    // After the findings' own, so that `diagnostics[i]` stays the diagnostic of `findings[i]`.
    if (ctx.settings.enable && !syntaxOnly)
      diagnostics.push(...configDiagnostics(uriToName(doc.uri), doc.text));
    const entry = {
      version: doc.version,
      language: ctx.language,
      generation: ctx.generation,
      syntaxOnly,
      result,
      diagnostics,
    };
    this.analysed.set(uri, entry);
    return entry;
  }
}

function rootFor(roots: string[], path: string): string | undefined {
  return roots
    .filter((r) => {
      const rel = relative(r, path);
      return rel !== '..' && !rel.startsWith('..\\') && !rel.startsWith('../');
    })
    .sort((a, b) => b.length - a.length)[0];
}

function configFor(uri: string, ctx: RequestContext): { config: Config; host: Host; ignored: boolean } {
  const { settings } = ctx;
  // An untrusted workspace's settings cannot point at a configuration file elsewhere on the machine.
  const configFile = ctx.trusted ? settings.configFile || undefined : undefined;
  const path = uriToPath(uri);
  if (!path) {
    const config = loadConfig(join(process.cwd(), 'untitled'), { root: process.cwd() });
    applySettings(config, settings);
    return { config, host: noFiles, ignored: false };
  }
  const root = rootFor(ctx.workspaceRoots, path);
  const config = loadConfig(path, { root, configFile });
  applySettings(config, settings);
  const rel = relative(root ?? dirname(path), path)
    .split('\\')
    .join('/');
  // Checks read sibling files only inside the workspace folder (the document's folder without one).
  return {
    config,
    host: diskHost(path, { root: root ?? dirname(path), remember: true }),
    ignored: isIgnored(config, rel),
  };
}

function configAndHost(uri: string, ctx: RequestContext): [Config, Host] {
  const { config, host } = configFor(uri, ctx);
  return [config, host];
}

export function uriToPath(uri: string): string | null {
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

function applySettings(config: Config, settings: Settings): void {
  const rules = settings.rules && typeof settings.rules === 'object' ? settings.rules : {};
  for (const [id, level] of Object.entries(rules)) if (isLevel(level)) config.rules[id] = level;
  if (settings.onlyRecommended) config.onlyRecommended = true;
  if (settings.podSecurity) config.podSecurity = settings.podSecurity;
  if (isPreset(settings.preset)) config.preset = settings.preset;
}
