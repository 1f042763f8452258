import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { compareFindings } from '../core/analyze';
import { isIgnored, type Config } from '../core/config';
import type { KubernetesIndex } from '../core/kubernetes-index';
import type { Preset } from '../core/presets';
import type { Finding, Host, Language } from '../core/rule';
import { Engine } from '../engine';
import { fixAll } from '../fix-all';
import { CONFIG_FILE_NAMES, diskHost, loadConfig, MAX_READ_BYTES } from '../workspace';
import { runShellcheckSync, shellcheckInput, shellcheckResults, type ShellcheckComment } from '../shellcheck';
import type { JsonFinding } from './formats';

/** One file to lint: its path as given, as shown in reports, and whether the user named it. */
export interface Target {
  file: string;
  shown: string;
  explicit: boolean;
  /** The kind to lint it as, when not its name's (`--language`, or named by a Compose file's include/extends). */
  language?: Language;
  /** Only ever extended by another Compose file: its services are templates. */
  partial?: boolean;
}

/**
 * A sibling the analysis looked at through the host, and what it saw: whether a path existed, or the hash
 * of what was read (null: nothing). A cached result stands only while every answer is still the same.
 */
export interface Dep {
  op: 'exists' | 'read';
  path: string;
  seen: boolean | string | null;
}

/** What linting one file gave: plain data, so it crosses a worker boundary and goes into the cache. */
export interface Outcome {
  findings: JsonFinding[];
  notes: string[];
  unreadable?: boolean;
  /** sha1 of the bytes analysed; absent when the file was not analysed (unreadable, binary, ignored). */
  hash?: string;
  deps?: Dep[];
  /** The analysis asked the host something other than exists/read: its result cannot be keyed, so it is not cached. */
  uncacheable?: boolean;
}

export interface LintSettings {
  configFile?: string;
  fix: boolean;
  /** The shellcheck binary to run on RUN instructions, or null. */
  shellcheck: string | null;
  /** The Kubernetes objects of the run's files, for checks across files. */
  kubernetes?: KubernetesIndex;
  /** `--preset`: overrides the preset of every configuration. */
  preset?: Preset;
}

export function sha1(data: string | Uint8Array): string {
  return createHash('sha1').update(data).digest('hex');
}

/** A file's bytes as text, and whether they were valid UTF-8 (a fix must never rewrite other bytes). */
export function decode(bytes: Uint8Array): { text: string; utf8: boolean } {
  // ignoreBOM keeps a byte-order mark in the text, so that a fixed file is written back with it.
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), utf8: true };
  } catch {
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), utf8: false };
  }
}

function isBinary(text: string): boolean {
  return text.slice(0, 8000).includes('\u0000');
}

/** ShellCheck's findings on a Dockerfile's RUN instructions, one shellcheck process per distinct RUN, or none. */
export function shellcheckSync(
  bin: string | null,
  file: { name: string; text: string },
  config: Config,
): Finding[] {
  const input = bin ? shellcheckInput(file) : null;
  if (!bin || !input) return [];
  const results = new Map<string, ShellcheckComment[] | null>();
  for (const s of input.scripts)
    if (!results.has(s.key)) results.set(s.key, runShellcheckSync(bin, s.text, s.dialect));
  return shellcheckResults(input, results, config);
}

/** Findings in the order of the file (the engine's findings and ShellCheck's interleaved). */
export function sorted(findings: Finding[]): Finding[] {
  return findings.sort(compareFindings);
}

export function toJson(file: string, f: Finding): JsonFinding {
  return {
    file,
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    // The CLI can afford to build the fix to tell whether there really is one.
    fixable: f.fixable && f.fixes().length > 0,
    aliases: [...f.aliases],
  };
}

/** A host that writes down every question asked of it (see Dep); anything beyond exists/read marks it unkeyable. */
export function recordingHost(host: Host): { host: Host; deps: () => Dep[]; uncacheable: () => boolean } {
  const deps = new Map<string, Dep>();
  let uncacheable = false;
  const proxy = new Proxy(host, {
    get(target, key, receiver) {
      const v: unknown = Reflect.get(target, key, receiver);
      if (typeof v !== 'function') return v;
      if (key === 'exists')
        return (rel: string) => {
          const seen = target.exists(rel);
          deps.set(`exists\0${rel}`, { op: 'exists', path: rel, seen: seen ?? null });
          return seen;
        };
      if (key === 'read')
        return (rel: string) => {
          const text = target.read?.(rel);
          deps.set(`read\0${rel}`, { op: 'read', path: rel, seen: text === undefined ? null : sha1(text) });
          return text;
        };
      return (...args: unknown[]) => {
        uncacheable = true;
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { host: proxy, deps: () => [...deps.values()], uncacheable: () => uncacheable };
}

/** `p` is `root` or below it; both absolute and normalised (resolve's output), so a prefix test will do. */
function within(root: string, p: string): boolean {
  return p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * Whether the siblings a cached result depended on still answer the same. Answers are kept for the run
 * (files in one folder ask about the same `.env` or `kustomization.yaml`). The on-disk host's answer is
 * worked out again only where it could differ from a plain look at the path: when the path leaves the
 * host's root (diskHost's rule: the working directory for files in it) or goes through a symbolic link;
 * otherwise one lstat (and a read for a read) gives the same answer without resolving every ancestor.
 */
export class DepChecker {
  private readonly hosts = new Map<string, Host>();
  private readonly answers = new Map<string, boolean | string | null>();
  private readonly realDirs = new Map<string, boolean>();
  private readonly cwd = process.cwd();

  /** `file` is absolute (resolve's output). */
  holds(file: string, deps: readonly Dep[]): boolean {
    if (deps.length === 0) return true;
    const dir = dirname(file);
    const root = within(this.cwd, file) ? this.cwd : dir;
    return deps.every((d) => this.answer(dir, root, d) === d.seen);
  }

  private answer(dir: string, root: string, d: Dep): boolean | string | null {
    // The folder decides the root, so folder and path as written name the answer; resolving the path
    // is only needed the first time (and lets folders share answers about a common parent).
    const near = `${d.op}\0${dir}\0${d.path}`;
    let a = this.answers.get(near);
    if (a !== undefined) return a;
    const abs = resolve(dir, d.path);
    const key = `${d.op}\0${root}\0${abs}`;
    a = this.answers.get(key);
    if (a === undefined) {
      a = this.plain(abs, root, d.op);
      if (a === undefined) a = this.viaHost(dir, d);
      this.answers.set(key, a);
    }
    this.answers.set(near, a);
    return a;
  }

  /** The answer from the path itself, or undefined when only the host can say. */
  private plain(abs: string, root: string, op: Dep['op']): boolean | string | null | undefined {
    if (!within(root, abs) || !this.isRealDir(dirname(abs)) || !this.isRealDir(root)) return undefined;
    let st;
    try {
      st = lstatSync(abs, { throwIfNoEntry: false });
    } catch {
      return undefined;
    }
    if (!st) return op === 'exists' ? false : null;
    if (st.isSymbolicLink()) return undefined;
    if (op === 'exists') return true;
    if (!st.isFile() || st.size > MAX_READ_BYTES) return null;
    try {
      return sha1(readFileSync(abs, 'utf8'));
    } catch {
      return null;
    }
  }

  private isRealDir(d: string): boolean {
    let r = this.realDirs.get(d);
    if (r === undefined) {
      try {
        r = realpathSync.native(d) === d;
      } catch {
        r = false;
      }
      this.realDirs.set(d, r);
    }
    return r;
  }

  private viaHost(dir: string, d: Dep): boolean | string | null {
    let host = this.hosts.get(dir);
    if (!host) this.hosts.set(dir, (host = diskHost(join(dir, '_'))));
    if (d.op === 'exists') return host.exists(d.path) ?? null;
    const text = host.read?.(d.path);
    return text === undefined ? null : sha1(text);
  }
}

/**
 * Lints files one at a time with one Engine, in the main thread or in a worker. Configuration is read
 * once per directory for the run (`.shipshape.yaml` lookups walk up the tree).
 */
export class FileLinter {
  private readonly engine = new Engine();
  private readonly configs = new Map<string, { config: Config; key: string }>();
  /** Configuration files found or not, per path, for this run. */
  private readonly lookups = new Map<string, string | null>();

  constructor(private readonly settings: LintSettings) {}

  /** The configuration of a file, and a key that changes whenever it does. */
  configFor(file: string): { config: Config; key: string } {
    return this.configOfDir(dirname(isAbsolute(file) ? file : resolve(file)));
  }

  /** A folder without configuration files of its own has its parent's (loadConfig looks upwards). */
  private configOfDir(dir: string): { config: Config; key: string } {
    let c = this.configs.get(dir);
    if (!c) {
      const parent = dirname(dir);
      const own = parent === dir || CONFIG_FILE_NAMES.some((n) => existsSync(join(dir, n)));
      if (own) {
        const config = loadConfig(join(dir, '_'), {
          configFile: this.settings.configFile,
          lookups: this.lookups,
        });
        if (this.settings.preset) config.preset = this.settings.preset;
        c = { config, key: sha1(JSON.stringify(config)) };
      } else c = this.configOfDir(parent);
      this.configs.set(dir, c);
    }
    return c;
  }

  lint({ file, shown, explicit, language, partial }: Target): Outcome {
    const out: Outcome = { findings: [], notes: [] };
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      out.notes.push(`${shown}: cannot be read`);
      out.unreadable = true;
      return out;
    }
    const { text, utf8 } = decode(bytes);
    if (isBinary(text)) {
      if (explicit) out.notes.push(`${shown}: binary file skipped`);
      return out;
    }
    const { config } = this.configFor(file);
    out.notes.push(...config.problems);
    if (!explicit && isIgnored(config, shown.split('\\').join('/'))) return out;
    const kubernetes = this.settings.kubernetes;
    const recording = recordingHost({ ...diskHost(resolve(file)), ...(kubernetes ? { kubernetes } : {}) });
    const host = recording.host;
    const name = resolve(file);
    let source = {
      name,
      text,
      ...(language ? { language } : {}),
      ...(partial ? { partial } : {}),
    };
    if (this.settings.fix && !utf8) out.notes.push(`${shown}: not valid UTF-8, not fixed`);
    else if (this.settings.fix) {
      const fixed = fixAll(this.engine, source, config, host);
      if (fixed.text !== text) writeFileSync(file, fixed.text);
      for (const c of fixed.creates) {
        const target = join(dirname(file), c.path);
        if (!existsSync(target)) writeFileSync(target, c.text);
      }
      source = { ...source, text: fixed.text };
    }
    try {
      const result = this.engine.analyze(source, config, host);
      if (!result) {
        if (explicit) out.notes.push(`${shown}: not a Dockerfile, Compose file or Kubernetes manifest`);
      } else {
        // Collected first, so that a file whose reporting throws half-way adds no partial listing.
        out.findings = sorted([
          ...result.findings,
          ...shellcheckSync(this.settings.shellcheck, source, config),
        ]).map((f) => toJson(shown, f));
        for (const e of result.internalErrors)
          out.notes.push(`${shown}: internal error in ${e.ruleId}: ${e.error}`);
      }
    } finally {
      // The CLI sees each file once: its parse cache would only hold memory.
      this.engine.forget(name);
    }
    out.hash = sha1(bytes);
    out.deps = recording.deps();
    // An internal error may be a bug fixed by the next build, or a resource running out: ask again next time.
    if (recording.uncacheable() || out.notes.some((n) => n.includes(': internal error')))
      out.uncacheable = true;
    return out;
  }
}
