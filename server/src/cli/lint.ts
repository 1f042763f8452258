import { existsSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { IndexedObject } from '../core/kubernetes-index';
import { noFiles } from '../engine';
import { composeFilesOfRun, referencesOf } from '../compose-run';
import type { ComposeReference } from '../languages/compose/references';
import { findShellcheck } from '../shellcheck';
import { readCandidate } from '../workspace-index';
import { fixAll } from '../fix-all';
import { loadConfig } from '../workspace';
import { Engine } from '../engine';
import { cachePath, ResultCache, type Report } from './cache';
import { format, type JsonFinding } from './formats';
import {
  decode,
  FileLinter,
  shellcheckSync,
  sorted,
  toJson,
  type LintSettings,
  type Outcome,
  type Target,
} from './lint-file';
import { parseLintArgs, UsageError, type LintOptions } from './options';
import { lintGuarded, lintInWorkers } from './pool';
import { sha1 } from './file-state';
import { Progress } from './progress';
import { digestOf, indexFiles, runIndex, summarize } from './run-index';
import { walk } from './walk';

/** Below this many files to analyse, starting workers costs more than it saves. */
const PARALLEL_MIN_FILES = 400;

/** One entry of the report, in command-line order: a file to lint, or standard input already linted. */
type Item = {
  target: Target;
  outcome?: Outcome;
  /** With --cache: the target's absolute path and what its entry is keyed by besides its content. */
  abs?: string;
  cacheKey?: { config: string; shown: string; explicit: boolean; as: string; index: string };
  /** The outcome is the cache's (its findings are read from it when the report is made). */
  cached?: boolean;
  /** The outcome went into the cache. */
  stored?: boolean;
};

/**
 * A `shipshape lint` run in three steps: `prepare` reads the arguments, walks the paths, reads standard
 * input and takes what it can from the cache; the files left are linted here or on workers; `finish`
 * stores them in the cache, prints the report and returns the exit code.
 */
export class LintRun {
  readonly options: LintOptions;
  readonly settings: LintSettings;
  private readonly items: Item[] = [];
  private readonly cwd = process.cwd();
  private readonly linter: FileLinter;
  private readonly cache: ResultCache | undefined;
  /** With --cache, a digest of the run's Kubernetes objects: a manifest's findings depend on the others'. */
  private indexKey = '';
  /** The run's files that may hold Kubernetes objects (absolute), indexed only when a file is linted. */
  private indexFiles: string[] = [];
  /** Index entries of files summarised while computing `indexKey`, so the index does not parse them twice. */
  private readonly summarized = new Map<string, IndexedObject[]>();
  /** Index files whose digest the cache answered. */
  private readonly summaryHits: string[] = [];
  /** The tools beside the rules whose findings a result holds (ShellCheck), for the cache's key. */
  private readonly tools: string;
  /** Set when standard input was fixed and printed: the run is over, with this exit code. */
  done: number | undefined;

  /** `opts.now`: when the run started, for the cache's stamps (tests pass a later time). */
  constructor(args: string[], opts: { now?: number } = {}) {
    const o = parseLintArgs(args);
    this.options = o;
    if (o.config && !existsSync(o.config)) throw new UsageError(`config file ${o.config} does not exist`);
    this.settings = {
      configFile: o.config,
      fix: o.fix,
      shellcheck: o.shellcheck ? findShellcheck() : null,
      ...(o.preset ? { preset: o.preset } : {}),
    };
    // ShellCheck's findings are part of a Dockerfile's result: whether it ran, and which binary.
    const sc = this.settings.shellcheck;
    const st = sc ? statSync(sc, { throwIfNoEntry: false }) : undefined;
    this.tools = sc ? `\0shellcheck ${sc} ${st?.size} ${st?.mtimeMs}` : '';
    // --fix writes files: a result from before the fix would be about other bytes.
    this.cache =
      o.cache && !o.fix ? new ResultCache(cachePath(o.cacheLocation, this.cwd), opts.now) : undefined;
    this.linter = new FileLinter(this.settings, this.cache?.listings);
  }

  prepare(): void {
    // Every path is walked before any file is linted: checks across files (a Service and its Deployment, a
    // Compose file and the files it includes) see all the files of the run.
    const given: ('-' | (Target & { abs: string }))[] = [];
    const under = this.cwd.endsWith(sep) ? this.cwd : this.cwd + sep;
    for (const p of this.options.paths) {
      if (p === '-') {
        given.push('-');
        continue;
      }
      let st;
      try {
        st = statSync(p);
      } catch {
        throw new UsageError(`${p}: no such file or directory`);
      }
      const explicit = !st.isDirectory();
      const abs: string[] = [];
      const files = explicit ? [p] : walk(p, !this.options.noIgnore, this.cache?.listings, abs);
      files.forEach((file, i) => {
        const a = abs[i] ?? resolve(file);
        // relative() for the odd path; a walked file below the working directory is just the rest.
        const shown = a.startsWith(under) ? a.slice(under.length) : relative(this.cwd, file) || file;
        given.push({ file, shown, explicit, abs: a });
      });
    }
    const targets = given.filter((g) => g !== '-');
    this.indexFiles = indexFiles(targets.map((t) => t.abs));
    if (this.cache) this.indexKey = this.indexDigest();
    // Files a Compose file of this run includes or extends are Compose, whatever their names.
    const language = this.options.language;
    const compose = composeFilesOfRun(
      targets.map((t) => ({ path: t.abs, language: t.explicit ? language : undefined })),
      this.cache ? (path) => this.composeRefs(path) : referencesOf,
    );
    for (const g of given) {
      if (g === '-') {
        this.done = this.lintStdin();
        if (this.done !== undefined) return;
        continue;
      }
      const role = compose.get(g.abs);
      const kind = g.explicit && language ? language : role ? 'compose' : undefined;
      const target: Target = { file: g.file, shown: g.shown, explicit: g.explicit };
      if (kind) target.language = kind;
      if (role === 'extends') target.partial = true;
      this.items.push(this.fromCache(target, g.abs));
    }
  }

  /**
   * The targets no cached result answers, in report order. The workspace index is built here, when some
   * file is to be linted: a run that the cache answers entirely never parses the manifests.
   */
  missing(): Target[] {
    const targets = this.items.filter((i) => !i.outcome).map((i) => i.target);
    if (targets.length > 0 && !this.settings.kubernetes) {
      // The entries of files whose summary the cache answered are in it too: no manifest is parsed again.
      for (const abs of this.summaryHits) {
        const objects = this.cache?.indexEntries(abs);
        if (objects) this.summarized.set(abs, objects);
      }
      this.settings.kubernetes = runIndex(this.indexFiles, this.summarized);
    }
    return targets;
  }

  /** Lints what is missing on this thread. */
  lintHere(onProgress: (n: number) => void = () => undefined): void {
    this.fill(
      this.missing().map((t) => {
        const o = lintGuarded(this.linter, t);
        onProgress(1);
        return o;
      }),
    );
  }

  fill(outcomes: readonly Outcome[]): void {
    let k = 0;
    for (const item of this.items) {
      if (item.outcome) continue;
      const o = outcomes[k++] as Outcome;
      item.outcome = o;
      if (!this.cache || !item.abs || !item.cacheKey) continue;
      item.stored = this.cache.set(item.abs, item.cacheKey, o);
      // Looking at the siblings as the next run will stamps the files it read, so it need not read them.
      if (o.deps) this.cache.deps.holds(item.abs, o.deps);
    }
  }

  finish(): number {
    const report = this.report();
    try {
      this.cache?.save();
    } catch (e) {
      report.notes.push(`cannot write the cache: ${(e as Error).message}`);
    }
    process.stdout.write(report.text);
    // Every file under one configuration carries its problems: say each once, with paths as the user sees them.
    for (const n of new Set(report.notes)) process.stderr.write(`shipshape: ${shortenPath(n, this.cwd)}\n`);
    if (report.unreadable) return 2;
    if (report.errors > 0) return 1;
    const max = this.options.maxWarnings;
    if (max !== undefined && report.warnings > max) {
      process.stderr.write(
        `shipshape: too many warnings (${report.warnings}); at most ${max} allowed (--max-warnings)\n`,
      );
      return 1;
    }
    return 0;
  }

  /**
   * What the run prints. When the cache answered every file and holds the report of a run over the same
   * files in the same format, that report is it: each of its results is the one the report was made from.
   */
  private report(): Report & { unreadable: boolean } {
    const cache = this.cache;
    // The files of the run in order, each keyed and found (or stored) by the cache; none for standard input.
    const key =
      cache && this.items.every((i) => i.abs !== undefined)
        ? sha1(`${this.options.format}\0${this.items.map((i) => i.abs).join('\0')}`)
        : undefined;
    const last = key !== undefined && this.items.every((i) => i.cached) ? cache?.lastReport(key) : undefined;
    if (last) return { ...last, notes: [...last.notes], unreadable: false };
    const all: JsonFinding[] = [];
    const notes: string[] = [];
    let unreadable = false;
    for (const { outcome, cached, abs, target } of this.items) {
      if (!outcome) continue;
      const found = cached && cache && abs ? cache.findings(abs, target.shown) : outcome.findings;
      for (const f of found) all.push(f);
      notes.push(...outcome.notes);
      if (outcome.unreadable) unreadable = true;
    }
    const report: Report = {
      key: key ?? '',
      text: format(this.options.format, all),
      notes: [...new Set(notes)],
      errors: all.filter((f) => f.severity === 'error').length,
      warnings: all.filter((f) => f.severity === 'warning').length,
    };
    if (cache && key !== undefined)
      cache.setReport(this.items.every((i) => i.cached || i.stored) ? report : undefined);
    return { ...report, notes: [...report.notes], unreadable };
  }

  private fromCache(target: Target, abs: string): Item {
    if (!this.cache) return { target };
    const hash = this.cache.hash(abs);
    if (hash === null) return { target };
    const cacheKey = {
      config: this.linter.configFor(abs).key + this.tools,
      shown: target.shown,
      explicit: target.explicit,
      // The kind a file is linted as, when not its name's (--language, or a Compose file's include/extends).
      as: `${target.language ?? ''}${target.partial ? ' partial' : ''}`,
      index: this.indexKey,
    };
    const outcome = this.cache.get(abs, { ...cacheKey, hash });
    return { target, outcome, abs, cacheKey, cached: outcome !== undefined };
  }

  /**
   * A digest of what the run's index holds, from each file's digest: kept in the cache while the file and
   * the kustomizations its summary read are unchanged, so a warm run parses no manifest.
   */
  private indexDigest(): string {
    const cache = this.cache as ResultCache;
    const parts: string[] = [];
    for (const abs of this.indexFiles) {
      const hash = cache.hash(abs);
      let digest = hash === null ? '-' : cache.summary(abs, hash);
      if (digest === undefined && hash !== null) {
        const text = readCandidate(abs);
        const { objects, deps } = text === undefined ? { objects: [], deps: [] } : summarize(abs, text);
        this.summarized.set(abs, objects);
        digest = digestOf(objects);
        cache.setSummary(abs, hash, deps, digest, objects);
      } else if (hash !== null) this.summaryHits.push(abs);
      parts.push(`${abs}\0${digest}`);
    }
    return sha1(parts.join('\0'));
  }

  /** A Compose file's include/extends references, kept in the cache while it and its `.env` are unchanged. */
  private composeRefs(abs: string): ComposeReference[] {
    const cache = this.cache as ResultCache;
    const key = `${cache.hash(abs)}:${cache.hash(join(dirname(abs), '.env'))}`;
    let refs = cache.composeRefs(abs, key);
    if (!refs) cache.setComposeRefs(abs, key, (refs = referencesOf(abs)));
    return refs;
  }

  private lintStdin(): number | undefined {
    let bytes: Buffer;
    try {
      bytes = readFileSync(0);
    } catch {
      throw new UsageError('cannot read standard input');
    }
    const { text, utf8 } = decode(bytes);
    const name = this.options.stdinFilename;
    const config = loadConfig(resolve(name), { configFile: this.options.config });
    if (this.options.preset) config.preset = this.options.preset;
    const out: Outcome = { findings: [], notes: [...config.problems] };
    const language = this.options.language;
    const file = { name, text, ...(language ? { language } : {}) };
    const engine = new Engine();
    if (this.options.fix) {
      if (!utf8) {
        out.notes.push(`${name}: not valid UTF-8, written back unchanged`);
        process.stdout.write(bytes);
      } else process.stdout.write(fixAll(engine, file, config, noFiles).text);
      for (const n of new Set(out.notes)) process.stderr.write(`shipshape: ${n}\n`);
      return 0;
    }
    const r = engine.analyze(file, config, noFiles);
    if (!r) out.notes.push(`${name}: not a Dockerfile, Compose file or Kubernetes manifest`);
    const found = [...(r?.findings ?? []), ...shellcheckSync(this.settings.shellcheck, file, config)];
    for (const f of sorted(found)) out.findings.push(toJson(name, f));
    for (const e of r?.internalErrors ?? [])
      out.notes.push(`${name}: internal error in ${e.ruleId}: ${e.error}`);
    this.items.push({ target: { file: '-', shown: name, explicit: true }, outcome: out });
    return undefined;
  }
}

/** A note about a file under the working directory names it relative to it, like findings do. */
function shortenPath(note: string, cwd: string): string {
  const prefix = cwd.endsWith(sep) ? cwd : cwd + sep;
  return note.startsWith(prefix) ? note.slice(prefix.length) : note;
}

/** `shipshape lint` on this thread only (the in-process entry tests call). */
export function lintSync(args: string[], opts: { now?: number } = {}): number {
  const run = new LintRun(args, opts);
  run.prepare();
  if (run.done !== undefined) return run.done;
  run.lintHere();
  return run.finish();
}

/** How many workers a run gets: --jobs, or one per core for runs large enough to gain from them. */
export function jobsFor(o: LintOptions, files: number): number {
  if (o.fix) return 1;
  if (o.jobs !== undefined) return o.jobs;
  return files >= PARALLEL_MIN_FILES ? availableParallelism() : 1;
}

/** `shipshape lint` as the program runs it: workers for large runs, a progress line on a terminal. */
export async function lintAsync(args: string[], script: string): Promise<number> {
  const run = new LintRun(args);
  run.prepare();
  if (run.done !== undefined) return run.done;
  const missing = run.missing();
  const progress = new Progress(process.stderr, missing.length);
  try {
    const jobs = jobsFor(run.options, missing.length);
    if (jobs <= 1) run.lintHere((n) => progress.advance(n));
    else run.fill(await lintInWorkers(script, run.settings, missing, jobs, (n) => progress.advance(n)));
  } finally {
    progress.end();
  }
  return run.finish();
}
