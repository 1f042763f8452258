import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { compareFindings } from '../core/analyze';
import { isIgnored, type Config } from '../core/config';
import type { KubernetesIndex } from '../core/kubernetes-index';
import type { Preset } from '../core/presets';
import type { Finding, Language } from '../core/rule';
import { Engine } from '../engine';
import { fixAll } from '../fix-all';
import { CONFIG_FILE_NAMES, diskHost, loadConfig } from '../workspace';
import { runShellcheckSync, shellcheckInput, shellcheckResults, type ShellcheckComment } from '../shellcheck';
import { recordingHost, type Dep } from './deps';
import { sha1 } from './file-state';
import type { JsonFinding } from './formats';
import type { Listings } from './walk';

export { sha1 };

const CONFIG_LOWER = new Set(CONFIG_FILE_NAMES.map((n) => n.toLowerCase()));

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
  /** The analysis looked at the run's Kubernetes objects: its result stands only while they are the same. */
  usesIndex?: boolean;
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

/**
 * Lints files one at a time with one Engine, in the main thread or in a worker. Configuration is read
 * once per directory for the run (`.shipshape.yaml` lookups walk up the tree).
 */
export class FileLinter {
  private readonly engine = new Engine();
  private readonly configs = new Map<string, { config: Config; key: string }>();
  /** Configuration files found or not, per path, for this run. */
  private readonly lookups = new Map<string, string | null>();

  /** `listings`: folders the run's walk read, so a folder's configuration files need no more look-ups. */
  constructor(
    private readonly settings: LintSettings,
    private readonly listings?: Listings,
  ) {}

  /** The configuration of a file, and a key that changes whenever it does. */
  configFor(file: string): { config: Config; key: string } {
    return this.configOfDir(dirname(isAbsolute(file) ? file : resolve(file)));
  }

  /** A folder without configuration files of its own has its parent's (loadConfig looks upwards). */
  private configOfDir(dir: string): { config: Config; key: string } {
    let c = this.configs.get(dir);
    if (!c) {
      const parent = dirname(dir);
      const own = parent === dir || this.hasConfigFile(dir);
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

  private hasConfigFile(dir: string): boolean {
    const listing = this.listings?.get(dir);
    // A name that differs only in case may be found on a file system that ignores case: ask it then.
    if (listing && ![...listing.keys()].some((n) => CONFIG_LOWER.has(n.toLowerCase()))) return false;
    return CONFIG_FILE_NAMES.some((n) => existsSync(join(dir, n)));
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
    const hostOf = () => recordingHost({ ...diskHost(resolve(file)), ...(kubernetes ? { kubernetes } : {}) });
    let recording = hostOf();
    const name = resolve(file);
    let source = {
      name,
      text,
      ...(language ? { language } : {}),
      ...(partial ? { partial } : {}),
    };
    if (this.settings.fix && !utf8) out.notes.push(`${shown}: not valid UTF-8, not fixed`);
    else if (this.settings.fix) {
      const fixed = fixAll(this.engine, source, config, recording.host);
      if (fixed.text !== text) writeFileSync(file, fixed.text);
      for (const c of fixed.creates) {
        const target = join(dirname(file), c.path);
        if (!existsSync(target)) writeFileSync(target, c.text);
      }
      source = { ...source, text: fixed.text };
      // A host keeps its answers: the report is about the files as the fixes left them (.dockerignore made).
      recording = hostOf();
    }
    try {
      const result = this.engine.analyze(source, config, recording.host);
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
    if (recording.usesIndex()) out.usesIndex = true;
    // An internal error may be a bug fixed by the next build, or a resource running out: ask again next time.
    if (recording.uncacheable() || out.notes.some((n) => n.includes(': internal error')))
      out.uncacheable = true;
    return out;
  }
}
