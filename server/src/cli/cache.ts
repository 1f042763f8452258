import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { rules } from '../rules';
import type { JsonFinding } from './formats';
import { DepChecker, sha1, type Dep, type Outcome } from './lint-file';
import { VERSION } from './options';

/**
 * `--cache`: results per file, like ESLint's cache but keyed by content. An entry is used only when the
 * file's bytes, the configuration that applies to it, how it is shown and named, and every sibling the
 * analysis read or probed (`Dep`: a Compose file's `.env` and `extends` files, a Dockerfile's
 * `.dockerignore`) are unchanged, and the whole cache is dropped when the build changes (version, rule
 * set, or the CLI bundle's own bytes, so a rebuilt development copy never serves stale results).
 * Results that asked the host anything else are not stored (`Outcome.uncacheable`).
 */
interface Entry {
  hash: string;
  config: string;
  shown: string;
  explicit: boolean;
  deps: Dep[];
  /** Findings as rows of `Row`, their strings as indexes into `CacheFile.strings`: a tenth of the JSON. */
  findings: Row[];
  notes: string[];
}

/** ruleId, severity, message, aliases (joined by a space), line, column, endLine, endColumn, fixable (0/1). */
type Row = [number, number, number, number, number, number, number, number, number];

interface CacheFile {
  build: string;
  strings: string[];
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
  private entries: Record<string, Entry> = {};
  private strings: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly deps = new DepChecker();
  private changed = false;

  constructor(private readonly path: string) {
    try {
      const data = JSON.parse(readFileSync(path, 'utf8')) as Partial<CacheFile>;
      if (data.build === build() && data.entries && Array.isArray(data.strings)) {
        this.entries = data.entries;
        this.strings = data.strings;
        this.strings.forEach((t, i) => this.index.set(t, i));
      }
    } catch {
      // No cache yet, or one we cannot read: start afresh (it is rewritten at the end).
    }
  }

  get(
    file: string,
    key: { hash: string; config: string; shown: string; explicit: boolean },
  ): Outcome | undefined {
    const abs = resolve(file);
    const e = this.entries[abs];
    if (!e || e.hash !== key.hash || e.config !== key.config || e.shown !== key.shown) return undefined;
    if (e.explicit !== key.explicit || !this.deps.holds(abs, e.deps)) return undefined;
    return {
      findings: e.findings.map((r) => this.finding(e.shown, r)),
      notes: e.notes,
      hash: e.hash,
      deps: e.deps,
    };
  }

  set(file: string, key: { config: string; shown: string; explicit: boolean }, o: Outcome): void {
    const abs = resolve(file);
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
    this.entries[abs] = { hash: o.hash, ...key, deps: o.deps ?? [], findings, notes: o.notes };
    this.changed = true;
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
    if (!this.changed) return;
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(
      tmp,
      JSON.stringify({ build: build(), strings: this.strings, entries: this.entries } satisfies CacheFile),
    );
    renameSync(tmp, this.path);
  }
}
