import {
  closeSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { IndexedObject } from '../core/kubernetes-index';
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
 * The file is made for a quick read of what a warm run needs. Its first line (JSON) holds the keys: one
 * record per file (its path written once), rows of numbers rather than objects, repeated strings
 * (configuration keys, the hashes siblings had) once in a table. Its second line (JSON) holds the findings,
 * parsed only when a result is needed; its third the Kubernetes objects of each file's summary, parsed only
 * when a file is linted (the index is built from them); the rest is the last run's report (`Report`), printed
 * as it is when the same files all come from the cache again. Records of files that are gone are dropped
 * when it is written.
 */

/**
 * hash, configuration key (a string's number), shown, explicit (0/1), kind it was linted as when not its
 * name's (`--language`, a Compose file's include/extends; a string's number), its siblings' answers (a
 * dep list's number), the run index's key when the analysis looked at it (a string's number, else -1),
 * notes (0: none). Its findings are in `Findings.rows`.
 */
type Entry = [string, number, string, number, number, number, number, string[] | 0];

/** A file's index entries as a digest: its hash, what summarising it read (a dep list), the digest. */
type Summary = [string, number, string];

/** A Compose file's references: the hashes of the file and its `.env`, and the references. */
type ComposeRefs = [string, ComposeReference[]];

/** What is kept about one file (0: nothing of that kind): its stamp, result, index summary, references. */
type FileRecord = [Stamp | 0, Entry | 0, Summary | 0, ComposeRefs | 0];

/** The first line. */
interface Keys {
  build: string;
  strings: string[];
  /** The questions dep lists ask (`DepChecker.questionKeys`). */
  questions: string[];
  /** [question, answer code] pairs, flat. Codes: 0 false, 1 true, 2 null (nothing), 3 + n the string n. */
  depLists: number[][];
  /** By absolute path. Paths are absolute, so no key is a name Object.prototype has. */
  files: Record<string, FileRecord>;
  /** The byte lengths of the second and third lines: a file cut short or edited by hand is not used. */
  findings: number;
  objects: number;
  report?: ReportHead;
}

/** The second line: each entry's findings, FINDING numbers each (see `finding`), strings in a table. */
interface Findings {
  strings: string[];
  rows: Record<string, number[]>;
}

/** ruleId, severity, message, aliases (joined by a space; strings), line, column, endLine, endColumn, fixable. */
const FINDING = 9;

/**
 * What a run printed and what decides its exit code, for the next run over the same files (`key`, see
 * LintRun) that the cache answers entirely: then every result is the one this report was made from.
 */
interface ReportHead {
  key: string;
  notes: string[];
  errors: number;
  warnings: number;
}
export interface Report extends ReportHead {
  /** As printed; the bytes of the cache file when it comes from there (printed without decoding them). */
  text: string | Uint8Array;
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
  /** The second line as read, until a result needs it. */
  private rawFindings: string | Buffer = '{"strings":[],"rows":{}}';
  /** The third line as read (each file's index entries by path), until the index is built. */
  private rawObjects: string | Buffer = '{}';
  private parsedObjects: Record<string, IndexedObject[]> | undefined;
  private parsedFindings: Findings | undefined;
  private readonly findingIndex = new Map<string, number>();
  private readonly aliases = new Map<number, string[]>();
  private report: Report | undefined;
  private changed = false;

  /** `now`: when the run started (see FileStates). */
  constructor(
    private readonly path: string,
    now = Date.now(),
  ) {
    let questions: string[] = [];
    try {
      // Bytes: only the first line is decoded here; the others when needed, the report never.
      const bytes = readFileSync(path);
      const first = bytes.indexOf(10);
      const second = bytes.indexOf(10, first + 1);
      const third = bytes.indexOf(10, second + 1);
      const data = JSON.parse(bytes.toString('utf8', 0, first)) as Partial<Keys>;
      if (
        second > first &&
        data.findings === second - first - 1 &&
        data.objects === third - second - 1 &&
        data.build === build() &&
        typeof data.files === 'object' &&
        data.files !== null &&
        Array.isArray(data.strings) &&
        Array.isArray(data.questions) &&
        DepChecker.canLoad(data.questions) &&
        Array.isArray(data.depLists)
      ) {
        this.files = data.files;
        this.strings = data.strings;
        questions = data.questions;
        this.depLists = data.depLists;
        this.rawFindings = bytes.subarray(first + 1, second);
        this.rawObjects = bytes.subarray(second + 1, third);
        if (data.report) this.report = { ...data.report, text: bytes.subarray(third + 1) };
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

  /**
   * A file's result when its entry answers this run (the key, the siblings); its findings are read with
   * `findings`, when the report is not `lastReport`'s.
   */
  get(
    abs: string,
    key: { hash: string; config: string; shown: string; explicit: boolean; as: string; index: string },
  ): Outcome | undefined {
    const e = this.files[abs]?.[1];
    if (!e || e[0] !== key.hash || this.strings[e[1]] !== key.config || e[2] !== key.shown) return undefined;
    if (e[3] !== (key.explicit ? 1 : 0) || this.strings[e[4]] !== key.as) return undefined;
    if (e[6] !== -1 && this.strings[e[6]] !== key.index) return undefined;
    if (!this.holds(abs, e[5])) return undefined;
    return { findings: [], notes: e[7] || [], hash: e[0] };
  }

  /** The findings of a file `get` answered, as `shown`. */
  findings(abs: string, shown: string): JsonFinding[] {
    const rows = this.findingsData().rows[abs] ?? [];
    const out: JsonFinding[] = [];
    for (let i = 0; i + FINDING <= rows.length; i += FINDING) out.push(this.finding(shown, rows, i));
    return out;
  }

  /** Stores a result; false when it cannot be kept (unread, or asking what the cache cannot key). */
  set(
    abs: string,
    key: { config: string; shown: string; explicit: boolean; as: string; index: string },
    o: Outcome,
  ): boolean {
    this.report = undefined;
    if (o.hash === undefined || o.uncacheable || o.unreadable) {
      const r = this.files[abs];
      if (r?.[1]) {
        r[1] = 0;
        this.changed = true;
      }
      return false;
    }
    const rows: number[] = [];
    for (const f of o.findings)
      rows.push(
        this.internFinding(f.ruleId),
        this.internFinding(f.severity),
        this.internFinding(f.message),
        this.internFinding(f.aliases.join(' ')),
        f.line,
        f.column,
        f.endLine,
        f.endColumn,
        f.fixable ? 1 : 0,
      );
    this.findingsData().rows[abs] = rows;
    this.record(abs)[1] = [
      o.hash,
      this.intern(key.config),
      key.shown,
      key.explicit ? 1 : 0,
      this.intern(key.as),
      this.depList(o.deps ?? []),
      o.usesIndex ? this.intern(key.index) : -1,
      o.notes.length > 0 ? o.notes : 0,
    ];
    this.changed = true;
    return true;
  }

  /** The report the cache was written with, when it was made for `key`. */
  lastReport(key: string): Report | undefined {
    return this.report?.key === key ? this.report : undefined;
  }

  /** The report of this run, when each of its files has its entry: what the next run may print. */
  setReport(report: Report | undefined): void {
    if (this.report?.key === report?.key && this.report?.text === report?.text) return;
    this.report = report;
    this.changed = true;
  }
  /** The digest of a file's index entries when its bytes and what its summary read are unchanged. */
  summary(abs: string, hash: string): string | undefined {
    const s = this.files[abs]?.[2];
    return s && s[0] === hash && this.holds(abs, s[1]) ? s[2] : undefined;
  }

  setSummary(abs: string, hash: string, deps: Dep[], digest: string, objects: IndexedObject[]): void {
    this.record(abs)[2] = [hash, this.depList(deps), digest];
    this.objects()[abs] = objects;
    this.changed = true;
  }

  /** The index entries of a file whose `summary` this run found, or undefined when they cannot be read. */
  indexEntries(abs: string): IndexedObject[] | undefined {
    return this.objects()[abs];
  }

  private objects(): Record<string, IndexedObject[]> {
    if (!this.parsedObjects) {
      try {
        const o = JSON.parse(this.rawObjects.toString()) as unknown;
        if (typeof o === 'object' && o !== null && !Array.isArray(o))
          this.parsedObjects = o as Record<string, IndexedObject[]>;
      } catch {
        // A file whose entries are missing is summarised again.
      }
      this.parsedObjects ??= {};
    }
    return this.parsedObjects;
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

  private findingsData(): Findings {
    if (!this.parsedFindings) {
      try {
        const f = JSON.parse(this.rawFindings.toString()) as Partial<Findings>;
        if (Array.isArray(f.strings) && typeof f.rows === 'object' && f.rows !== null)
          this.parsedFindings = { strings: f.strings, rows: f.rows };
      } catch {
        // Checked below.
      }
      // Only a cache edited by hand gets here: results were taken from its first line, and their
      // findings cannot be read. Dropping it is all that can be done; the next run starts afresh.
      if (!this.parsedFindings) {
        rmSync(this.path, { force: true });
        throw new Error(`${this.path}: the cache file was damaged and has been removed; run again`);
      }
    }
    return this.parsedFindings;
  }

  private internFinding(s: string): number {
    const strings = this.findingsData().strings;
    if (this.findingIndex.size === 0) strings.forEach((t, i) => this.findingIndex.set(t, i));
    let i = this.findingIndex.get(s);
    if (i === undefined) {
      i = strings.push(s) - 1;
      this.findingIndex.set(s, i);
    }
    return i;
  }

  private finding(file: string, rows: readonly number[], i: number): JsonFinding {
    const strings = this.findingsData().strings;
    const s = (k: number): string => strings[rows[i + k] as number] ?? '';
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
    const paths = kept ?? Object.keys(this.files);
    // Findings never parsed are written back as they were read, unless records were dropped.
    if (kept !== undefined) {
      this.findingsData();
      this.objects();
    }
    const findings = this.parsedFindings ? JSON.stringify(this.compactedFindings(paths)) : this.rawFindings;
    const objects = this.parsedObjects ? JSON.stringify(this.compactedObjects(paths)) : this.rawObjects;
    const keys = JSON.stringify(
      this.compacted(paths, Buffer.byteLength(findings), Buffer.byteLength(objects)),
    );
    const fd = openSync(tmp, 'w');
    try {
      for (const part of [keys, '\n', findings, '\n', objects, '\n', this.report?.text ?? '']) {
        const b = typeof part === 'string' ? Buffer.from(part) : part;
        // writeSync may write less than it is given.
        for (let n = 0; n < b.length;) n += writeSync(fd, b, n);
      }
    } finally {
      closeSync(fd);
    }
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

  private compacted(paths: readonly string[], findings: number, objects: number): Keys {
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
        e && [e[0], str(e[1]), e[2], e[3], str(e[4]), list(e[5]), e[6] === -1 ? -1 : str(e[6]), e[7]],
        summary && [summary[0], list(summary[1]), summary[2]],
        compose,
      ];
    }
    const r = this.report;
    const report: ReportHead | undefined = r && {
      key: r.key,
      notes: r.notes,
      errors: r.errors,
      warnings: r.warnings,
    };
    return {
      build: build(),
      strings,
      questions: this.deps.questionKeys(),
      depLists,
      files,
      findings,
      objects,
      report,
    };
  }

  /** The index entries of the summaries kept. */
  private compactedObjects(paths: readonly string[]): Record<string, IndexedObject[]> {
    const from = this.objects();
    const out: Record<string, IndexedObject[]> = {};
    for (const abs of paths) {
      const o = from[abs];
      if (o && this.files[abs]?.[2]) out[abs] = o;
    }
    return out;
  }

  /** The findings of the entries kept, with the strings they use. */
  private compactedFindings(paths: readonly string[]): Findings {
    const from = this.findingsData();
    const strings: string[] = [];
    const stringMap = new Map<number, number>();
    const rows: Record<string, number[]> = {};
    for (const abs of paths) {
      const r = from.rows[abs];
      if (!r || !this.files[abs]?.[1]) continue;
      rows[abs] = r.map((n, k) => {
        if (k % FINDING >= 4) return n;
        let j = stringMap.get(n);
        if (j === undefined) stringMap.set(n, (j = strings.push(from.strings[n] ?? '') - 1));
        return j;
      });
    }
    return { strings, rows };
  }
}
