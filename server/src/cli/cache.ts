import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ComposeReference } from '../languages/compose/references';
import { rules } from '../rules';
import { DepChecker, type Dep } from './deps';
import { FileStates, sha1, type Stamp } from './file-state';
import type { JsonFinding } from './formats';
import type { Outcome } from './lint-file';
import { VERSION } from './options';
import type { Listings } from './walk';

/**
 * `--cache`: results per file, like ESLint's cache but keyed by content. An entry is used only when the
 * file's bytes, the configuration that applies to it, how it is shown and named, every sibling the
 * analysis read or probed (`Dep`: a Compose file's `.env` and `extends` files, a Dockerfile's
 * `.dockerignore`) and, for a result that looked at the run's Kubernetes objects, those objects are
 * unchanged; the whole cache is dropped when the build changes (version, rule set, or the CLI bundle's own
 * bytes, so a rebuilt development copy never serves stale results). Results that asked the host anything
 * else are not stored (`Outcome.uncacheable`). Hashes of unchanged files come from their stamps
 * (`FileStates`), so a warm run reads only what changed.
 */
interface Entry {
  hash: string;
  config: string;
  shown: string;
  explicit: boolean;
  /** The kind it was linted as when not its name's (`--language`, a Compose file's include/extends). */
  as: string;
  /** Index into `CacheFile.depLists`: files of a folder mostly ask the same questions. */
  deps: number;
  /** The run index's key when the analysis looked at it. */
  index?: string;
  /** Findings as rows of `Row`, their strings as indexes into `CacheFile.strings`: a tenth of the JSON. */
  findings: Row[];
  notes: string[];
}

/** ruleId, severity, message, aliases (joined by a space), line, column, endLine, endColumn, fixable (0/1). */
type Row = [number, number, number, number, number, number, number, number, number];

/** A file's index entries as a digest: its hash, what summarising it read (a dep list), the digest. */
type Summary = [string, number, string];

/** A Compose file's references: the hashes of the file and its `.env`, and the references. */
type ComposeRefs = [string, ComposeReference[]];

interface CacheFile {
  build: string;
  strings: string[];
  depLists: Dep[][];
  files: Record<string, Stamp>;
  summaries: Record<string, Summary>;
  compose: Record<string, ComposeRefs>;
  entries: Record<string, Entry>;
}

export const DEFAULT_CACHE_NAME = '.shipshape-cache';

/** `--cache-location`: a file, or a directory (existing, or written with a trailing slash) to hold one. */
export function cachePath(location: string | undefined, cwd: string): string {
  if (!location) return join(cwd, DEFAULT_CACHE_NAME);
  const abs = resolve(cwd, location);
  if (/[\\/]$/.test(location)) return join(abs, DEFAULT_CACHE_NAME);
  try {
    if (statSync(abs).isDirectory()) return join(abs, DEFAULT_CACHE_NAME);
  } catch {
    // Not there yet: a file name.
  }
  return abs;
}

let buildKey: string | undefined;
function build(): string {
  if (buildKey === undefined) {
    let own = '';
    try {
      own = sha1(readFileSync(__filename));
    } catch {
      // Bundled into something that has no file: version and rules still key it.
    }
    buildKey = sha1(`${VERSION}\0${rules.map((r) => `${r.id}:${r.severity}`).join(',')}\0${own}`);
  }
  return buildKey;
}

export class ResultCache {
  readonly states: FileStates;
  readonly deps: DepChecker;
  /** Filled by the run's walk: the folders it read (see DepChecker). */
  readonly listings: Listings = new Map();
  private entries: Record<string, Entry> = {};
  private summaries: Record<string, Summary> = {};
  private compose: Record<string, ComposeRefs> = {};
  private strings: string[] = [];
  private readonly index = new Map<string, number>();
  private depLists: Dep[][] = [];
  private readonly depIndex = new Map<string, number>();
  private changed = false;

  /** `now`: when the run started (see FileStates). */
  constructor(
    private readonly path: string,
    now = Date.now(),
  ) {
    let stamps: Record<string, Stamp> | undefined;
    try {
      const data = JSON.parse(readFileSync(path, 'utf8')) as Partial<CacheFile>;
      if (
        data.build === build() &&
        data.entries &&
        data.summaries &&
        data.compose &&
        data.files &&
        Array.isArray(data.strings) &&
        Array.isArray(data.depLists)
      ) {
        this.entries = data.entries;
        this.summaries = data.summaries;
        this.compose = data.compose;
        this.strings = data.strings;
        this.strings.forEach((t, i) => this.index.set(t, i));
        this.depLists = data.depLists;
        stamps = data.files;
      }
    } catch {
      // No cache yet, or one we cannot read: start afresh (it is rewritten at the end).
    }
    this.states = new FileStates(stamps, now);
    this.deps = new DepChecker(this.states, this.listings);
  }

  /** The content hash of a file (absolute), from its stamp when it did not change; null when unreadable. */
  hash(abs: string): string | null {
    return this.states.hash(abs);
  }

  get(
    abs: string,
    key: { hash: string; config: string; shown: string; explicit: boolean; as: string; index: string },
  ): Outcome | undefined {
    const e = this.entries[abs];
    if (!e || e.hash !== key.hash || e.config !== key.config || e.shown !== key.shown) return undefined;
    if (e.explicit !== key.explicit || e.as !== key.as || (e.index !== undefined && e.index !== key.index))
      return undefined;
    const deps = this.depLists[e.deps];
    if (!deps || !this.deps.holds(abs, deps, e.deps)) return undefined;
    return {
      findings: e.findings.map((r) => this.finding(e.shown, r)),
      notes: e.notes,
      hash: e.hash,
      deps,
    };
  }

  set(
    abs: string,
    key: { config: string; shown: string; explicit: boolean; as: string; index: string },
    o: Outcome,
  ): void {
    if (o.hash === undefined || o.uncacheable || o.unreadable) {
      if (this.entries[abs]) {
        delete this.entries[abs];
        this.changed = true;
      }
      return;
    }
    const findings = o.findings.map((f): Row => [
      this.intern(f.ruleId),
      this.intern(f.severity),
      this.intern(f.message),
      this.intern(f.aliases.join(' ')),
      f.line,
      f.column,
      f.endLine,
      f.endColumn,
      f.fixable ? 1 : 0,
    ]);
    const { index, ...rest } = key;
    this.entries[abs] = {
      hash: o.hash,
      ...rest,
      deps: this.depList(o.deps ?? []),
      ...(o.usesIndex ? { index } : {}),
      findings,
      notes: o.notes,
    };
    this.changed = true;
  }

  /** The digest of a file's index entries when its bytes and what its summary read are unchanged. */
  summary(abs: string, hash: string): string | undefined {
    const s = this.summaries[abs];
    const deps = s && s[0] === hash ? this.depLists[s[1]] : undefined;
    return s && deps && this.deps.holds(abs, deps, s[1]) ? s[2] : undefined;
  }

  setSummary(abs: string, hash: string, deps: Dep[], digest: string): void {
    this.summaries[abs] = [hash, this.depList(deps), digest];
    this.changed = true;
  }

  /** A Compose file's references, when `key` (its hash and its `.env`'s) is the one they were read under. */
  composeRefs(abs: string, key: string): ComposeReference[] | undefined {
    const c = this.compose[abs];
    return c && c[0] === key ? c[1] : undefined;
  }

  setComposeRefs(abs: string, key: string, refs: ComposeReference[]): void {
    this.compose[abs] = [key, refs];
    this.changed = true;
  }

  private depList(deps: Dep[]): number {
    const k = JSON.stringify(deps);
    let i = this.depIndex.get(k);
    if (i === undefined) {
      if (this.depIndex.size === 0) this.depLists.forEach((d, j) => this.depIndex.set(JSON.stringify(d), j));
      i = this.depIndex.get(k);
    }
    if (i === undefined) {
      i = this.depLists.push(deps) - 1;
      this.depIndex.set(k, i);
    }
    return i;
  }

  private intern(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.push(s) - 1;
      this.index.set(s, i);
    }
    return i;
  }

  private finding(
    file: string,
    [rule, severity, message, aliases, line, column, endLine, endColumn, fixable]: Row,
  ): JsonFinding {
    const s = (i: number): string => this.strings[i] ?? '';
    return {
      file,
      ruleId: s(rule),
      severity: s(severity),
      message: s(message),
      line,
      column,
      endLine,
      endColumn,
      fixable: fixable === 1,
      aliases: aliases === undefined || s(aliases) === '' ? [] : s(aliases).split(' '),
    };
  }

  /** Written whole to a temporary file and renamed over the old one, so a killed run leaves a readable cache. */
  save(): void {
    if (!this.changed && !this.states.changed) return;
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    const data: CacheFile = {
      build: build(),
      strings: this.strings,
      depLists: this.depLists,
      files: this.states.toJSON(),
      summaries: this.summaries,
      compose: this.compose,
      entries: this.entries,
    };
    writeFileSync(tmp, JSON.stringify(data));
    renameSync(tmp, this.path);
  }
}
