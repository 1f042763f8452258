import { lstatSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { ComposeReference } from '../languages/compose/references';
import { rules } from '../rules';
import { DepChecker, type Answer, type Dep } from './deps';
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
 *
 * The file is one JSON document made for a quick parse: one record per file (its path written once), rows
 * of numbers rather than objects, and every repeated string (rule ids, messages, configuration keys, the
 * hashes siblings had) once in a table. Records of files that are gone are dropped when it is written.
 */

/**
 * hash, configuration key (a string's number), shown, explicit (0/1), kind it was linted as when not its
 * name's (`--language`, a Compose file's include/extends; a string's number), its siblings' answers (a
 * dep list's number), the run index's key when the analysis looked at it (a string's number, else -1),
 * findings (FINDING numbers each: see `row`), notes (0: none).
 */
type Entry = [string, number, string, number, number, number, number, number[], string[] | 0];

/** The numbers of one finding in `Entry`: ruleId, severity, message, aliases (joined by a space; strings),
 * line, column, endLine, endColumn, fixable (0/1). */
const FINDING = 9;

/** A file's index entries as a digest: its hash, what summarising it read (a dep list), the digest. */
type Summary = [string, number, string];

/** A Compose file's references: the hashes of the file and its `.env`, and the references. */
type ComposeRefs = [string, ComposeReference[]];

/** What is kept about one file (0: nothing of that kind): its stamp, result, index summary, references. */
type FileRecord = [Stamp | 0, Entry | 0, Summary | 0, ComposeRefs | 0];

interface CacheFile {
  build: string;
  strings: string[];
  /** The questions dep lists ask (`DepChecker.questionKeys`). */
  questions: string[];
  /** [question, answer code] pairs, flat. Codes: 0 false, 1 true, 2 null (nothing), 3 + n the string n. */
  depLists: number[][];
  /** By absolute path. Paths are absolute, so no key is a name Object.prototype has. */
  files: Record<string, FileRecord>;
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
  private files: Record<string, FileRecord> = {};
  private strings: string[] = [];
  private readonly index = new Map<string, number>();
  private depLists: number[][] = [];
  private readonly depIndex = new Map<string, number>();
  private readonly aliases = new Map<number, string[]>();
  private changed = false;

  /** `now`: when the run started (see FileStates). */
  constructor(
    private readonly path: string,
    now = Date.now(),
  ) {
    let questions: string[] = [];
    try {
      const data = JSON.parse(readFileSync(path, 'utf8')) as Partial<CacheFile>;
      if (
        data.build === build() &&
        typeof data.files === 'object' &&
        data.files !== null &&
        Array.isArray(data.strings) &&
        Array.isArray(data.questions) &&
        Array.isArray(data.depLists)
      ) {
        this.files = data.files;
        this.strings = data.strings;
        questions = data.questions;
        this.depLists = data.depLists;
      }
    } catch {
      // No cache yet, or one we cannot read: start afresh (it is rewritten at the end).
    }
    const files = this.files;
    const record = (abs: string) => (files[abs] ??= [0, 0, 0, 0]);
    this.states = new FileStates(
      {
        get: (abs) => files[abs]?.[0] || undefined,
        set: (abs, stamp) => void (record(abs)[0] = stamp),
        delete: (abs) => {
          const r = files[abs];
          if (!r?.[0]) return false;
          r[0] = 0;
          return true;
        },
      },
      now,
    );
    this.deps = new DepChecker(this.states, this.listings, questions);
  }

  /** The content hash of a file (absolute), from its stamp when it did not change; null when unreadable. */
  hash(abs: string): string | null {
    return this.states.hash(abs);
  }

  get(
    abs: string,
    key: { hash: string; config: string; shown: string; explicit: boolean; as: string; index: string },
  ): Outcome | undefined {
    const e = this.files[abs]?.[1];
    if (!e || e[0] !== key.hash || this.strings[e[1]] !== key.config || e[2] !== key.shown) return undefined;
    if (e[3] !== (key.explicit ? 1 : 0) || this.strings[e[4]] !== key.as) return undefined;
    if (e[6] !== -1 && this.strings[e[6]] !== key.index) return undefined;
    if (!this.holds(abs, e[5])) return undefined;
    const rows = e[7];
    const findings: JsonFinding[] = [];
    for (let i = 0; i + FINDING <= rows.length; i += FINDING) findings.push(this.finding(e[2], rows, i));
    return { findings, notes: e[8] || [], hash: e[0] };
  }

  set(
    abs: string,
    key: { config: string; shown: string; explicit: boolean; as: string; index: string },
    o: Outcome,
  ): void {
    if (o.hash === undefined || o.uncacheable || o.unreadable) {
      const r = this.files[abs];
      if (r?.[1]) {
        r[1] = 0;
        this.changed = true;
      }
      return;
    }
    const rows: number[] = [];
    for (const f of o.findings)
      rows.push(
        this.intern(f.ruleId),
        this.intern(f.severity),
        this.intern(f.message),
        this.intern(f.aliases.join(' ')),
        f.line,
        f.column,
        f.endLine,
        f.endColumn,
        f.fixable ? 1 : 0,
      );
    this.record(abs)[1] = [
      o.hash,
      this.intern(key.config),
      key.shown,
      key.explicit ? 1 : 0,
      this.intern(key.as),
      this.depList(o.deps ?? []),
      o.usesIndex ? this.intern(key.index) : -1,
      rows,
      o.notes.length > 0 ? o.notes : 0,
    ];
    this.changed = true;
  }

  /** The digest of a file's index entries when its bytes and what its summary read are unchanged. */
  summary(abs: string, hash: string): string | undefined {
    const s = this.files[abs]?.[2];
    return s && s[0] === hash && this.holds(abs, s[1]) ? s[2] : undefined;
  }

  setSummary(abs: string, hash: string, deps: Dep[], digest: string): void {
    this.record(abs)[2] = [hash, this.depList(deps), digest];
    this.changed = true;
  }

  /** A Compose file's references, when `key` (its hash and its `.env`'s) is the one they were read under. */
  composeRefs(abs: string, key: string): ComposeReference[] | undefined {
    const c = this.files[abs]?.[3];
    return c && c[0] === key ? c[1] : undefined;
  }

  setComposeRefs(abs: string, key: string, refs: ComposeReference[]): void {
    this.record(abs)[3] = [key, refs];
    this.changed = true;
  }

  private record(abs: string): FileRecord {
    return (this.files[abs] ??= [0, 0, 0, 0]);
  }

  /** Whether dep list `list` still gets its answers from a file at `abs`: once per list and folder. */
  private holds(abs: string, list: number): boolean {
    const pairs = this.depLists[list];
    if (!pairs) return false;
    if (pairs.length === 0) return true;
    const folder = this.deps.folder(abs);
    let ok = folder.lists.get(list);
    if (ok === undefined) {
      ok = true;
      for (let i = 0; i + 1 < pairs.length && ok; i += 2)
        ok = this.deps.answer(folder, pairs[i] as number) === this.answerOf(pairs[i + 1] as number);
      folder.lists.set(list, ok);
    }
    return ok;
  }

  private answerOf(code: number): Answer {
    return code === 0 ? false : code === 1 ? true : code === 2 ? null : (this.strings[code - 3] ?? null);
  }

  private codeOf(a: Answer): number {
    return a === false ? 0 : a === true ? 1 : a === null ? 2 : 3 + this.intern(a);
  }

  private depList(deps: readonly Dep[]): number {
    const pairs: number[] = [];
    for (const d of deps) pairs.push(this.deps.question(d.op, d.path), this.codeOf(d.seen));
    return this.listNumber(pairs);
  }

  private listNumber(pairs: number[]): number {
    const k = pairs.join(',');
    if (this.depIndex.size === 0) this.depLists.forEach((d, j) => this.depIndex.set(d.join(','), j));
    let i = this.depIndex.get(k);
    if (i === undefined) {
      i = this.depLists.push(pairs) - 1;
      this.depIndex.set(k, i);
    }
    return i;
  }

  private intern(s: string): number {
    if (this.index.size === 0) this.strings.forEach((t, i) => this.index.set(t, i));
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.push(s) - 1;
      this.index.set(s, i);
    }
    return i;
  }

  private finding(file: string, rows: readonly number[], i: number): JsonFinding {
    const s = (k: number): string => this.strings[rows[i + k] as number] ?? '';
    const a = rows[i + 3] as number;
    let aliases = this.aliases.get(a);
    if (!aliases) this.aliases.set(a, (aliases = s(3) === '' ? [] : s(3).split(' ')));
    return {
      file,
      ruleId: s(0),
      severity: s(1),
      message: s(2),
      line: rows[i + 4] as number,
      column: rows[i + 5] as number,
      endLine: rows[i + 6] as number,
      endColumn: rows[i + 7] as number,
      fixable: rows[i + 8] === 1,
      aliases,
    };
  }

  /**
   * Written whole to a temporary file and renamed over the old one, so a killed run leaves a readable
   * cache. Records of files that are gone are dropped, and so are strings and dep lists no record uses.
   */
  save(): void {
    const kept = this.live();
    if (!this.changed && !this.states.changed && kept === undefined) return;
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.compacted(kept ?? Object.keys(this.files))));
    renameSync(tmp, this.path);
  }

  /** The paths of the records to keep, or undefined when every record is kept. */
  private live(): string[] | undefined {
    const paths = Object.keys(this.files);
    const kept = paths.filter((abs) => this.states.seen(abs) || this.exists(abs));
    return kept.length === paths.length ? undefined : kept;
  }

  /** A file the run did not look at: still there? The walk's listing of its folder says, else lstat. */
  private exists(abs: string): boolean {
    const listing = this.listings.get(dirname(abs));
    if (listing) return listing.has(basename(abs));
    try {
      return lstatSync(abs, { throwIfNoEntry: false }) !== undefined;
    } catch {
      return true;
    }
  }

  private compacted(paths: readonly string[]): CacheFile {
    const strings: string[] = [];
    const stringMap = new Map<number, number>();
    const str = (i: number): number => {
      let j = stringMap.get(i);
      if (j === undefined) stringMap.set(i, (j = strings.push(this.strings[i] ?? '') - 1));
      return j;
    };
    const depLists: number[][] = [];
    const listMap = new Map<number, number>();
    const list = (i: number): number => {
      let j = listMap.get(i);
      if (j === undefined) {
        const pairs = (this.depLists[i] ?? []).map((n, k) => (k % 2 === 1 && n >= 3 ? 3 + str(n - 3) : n));
        listMap.set(i, (j = depLists.push(pairs) - 1));
      }
      return j;
    };
    const files: Record<string, FileRecord> = {};
    for (const abs of paths) {
      const [stamp, e, summary, compose] = this.files[abs] ?? [0, 0, 0, 0];
      if (!stamp && !e && !summary && !compose) continue;
      files[abs] = [
        stamp,
        e && [
          e[0],
          str(e[1]),
          e[2],
          e[3],
          str(e[4]),
          list(e[5]),
          e[6] === -1 ? -1 : str(e[6]),
          e[7].map((n, k) => (k % FINDING < 4 ? str(n) : n)),
          e[8],
        ],
        summary && [summary[0], list(summary[1]), summary[2]],
        compose,
      ];
    }
    return { build: build(), strings, questions: this.deps.questionKeys(), depLists, files };
  }
}
