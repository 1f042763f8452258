import { readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { applyHadolintConfig, applyShipshapeConfig, defaultConfig, type Config } from './core/config';
import { checkConfigText, type ConfigKind } from './core/config-check';
import { DEFAULT_PRESET } from './core/presets';
import type { Host } from './core/rule';
import { rules } from './rules';

/** Files a check reads (a `.env`, a Dockerfile) are a few KB; anything larger is not data a check needs. */
export const MAX_READ_BYTES = 256 * 1024;

function within(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel);
}

/** The real path of `p`, or of its nearest existing ancestor when `p` does not exist. */
function realNearest(p: string): { real: string; exists: boolean } | undefined {
  for (let cur = p, exists = true; ; exists = false) {
    try {
      // Most paths asked about do not exist: a stat that answers undefined costs far less than the
      // error realpath throws (and its stack), once per directory level.
      if (statSync(cur, { throwIfNoEntry: false }) !== undefined) return { real: realpathSync(cur), exists };
    } catch {
      // Not a directory on the way, no permission, or gone meanwhile: as if missing.
    }
    const parent = dirname(cur);
    if (parent === cur) return undefined;
    cur = parent;
  }
}

/**
 * The root a host may read under when the caller names none: the current directory when the file is in
 * it (the CLI run from a project), otherwise the file's own directory.
 */
function defaultRoot(filePath: string): string {
  const cwd = process.cwd();
  return within(cwd, filePath) ? cwd : dirname(filePath);
}

/**
 * A host for a document on disk: sibling files are looked up next to it, but only inside `root` (the
 * workspace folder). A path that leaves it — through `..`, an absolute path or a symbolic link pointing
 * out — is unknown (`undefined`), so rules stay quiet and nothing outside the workspace is read or probed.
 * A rule-level "refused" answer would need a third value in `Host`; quiet is the safe default.
 */
/**
 * A host for a file on disk. With `remember`, each answer is kept for the host's life: right for a host
 * made for one analysis (the language server makes one per request), wrong for one kept while files may
 * be created (the CLI's `--fix` creates a .dockerignore, then lints again with the same host).
 */
export function diskHost(filePath: string, opts: { root?: string; remember?: boolean } = {}): Host {
  const file = resolve(filePath);
  const dir = dirname(file);
  const root = resolve(opts.root ?? defaultRoot(file));
  const realRoot = realNearest(root)?.real ?? root;
  // A host serves one analysis: rules ask for the same few paths again and again (one lookup per finding),
  // and a missing path costs a thrown error per directory level, so answers are kept for the host's life.
  const resolved = new Map<string, { real: string; exists: boolean } | undefined>();
  const texts = new Map<string, string | undefined>();
  /** The real path of a relative or absolute path when it stays inside the root; undefined otherwise. */
  const inside = (p: string): { real: string; exists: boolean } | undefined => {
    const abs = resolve(dir, p);
    if (opts.remember === true && resolved.has(abs)) return resolved.get(abs);
    let r: { real: string; exists: boolean } | undefined;
    if (within(root, abs) || within(realRoot, abs)) {
      r = realNearest(abs);
      if (r && !within(realRoot, r.real)) r = undefined;
    }
    if (opts.remember === true) resolved.set(abs, r);
    return r;
  };
  const readInside = (rel: string): string | undefined => {
    const r = inside(rel);
    if (!r?.exists) return undefined;
    try {
      const st = statSync(r.real);
      return st.isFile() && st.size <= MAX_READ_BYTES ? readFileSync(r.real, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    fileName: basename(file),
    exists: (rel) => inside(rel)?.exists,
    outside: (rel) => inside(rel) === undefined,
    read: (rel) => {
      const abs = resolve(dir, rel);
      if (opts.remember !== true) return readInside(rel);
      if (!texts.has(abs)) texts.set(abs, readInside(rel));
      return texts.get(abs);
    },
  };
}

const CONFIG_NAMES = ['.shipshape.yaml', '.shipshape.yml'];
const HADOLINT_NAMES = ['.hadolint.yaml', '.hadolint.yml'];
/** Every configuration file name `loadConfig` looks for in a directory. */
export const CONFIG_FILE_NAMES: readonly string[] = [...CONFIG_NAMES, ...HADOLINT_NAMES];

interface Cached {
  mtimeMs: number;
  text: string;
}
const fileCache = new Map<string, Cached | null>();

function readCached(path: string): string | null {
  let st;
  try {
    // Most lookups are for files that are not there: no exception (and its stack) for those.
    st = statSync(path, { throwIfNoEntry: false });
  } catch {
    st = undefined;
  }
  if (!st) {
    fileCache.set(path, null);
    return null;
  }
  const c = fileCache.get(path);
  if (c && c.mtimeMs === st.mtimeMs) return c.text;
  try {
    const text = readFileSync(path, 'utf8');
    fileCache.set(path, { mtimeMs: st.mtimeMs, text });
    return text;
  } catch {
    return null;
  }
}

/** `readCached`, asked once per path when the caller keeps a map (a CLI run, during which files stay put). */
function lookup(path: string, lookups: Map<string, string | null> | undefined): string | null {
  if (!lookups) return readCached(path);
  let v = lookups.get(path);
  if (v === undefined) lookups.set(path, (v = readCached(path)));
  return v;
}

function findUp(
  startDir: string,
  names: string[],
  stopAt: string | undefined,
  lookups?: Map<string, string | null>,
): string | null {
  let dir = resolve(startDir);
  for (;;) {
    for (const n of names) {
      const p = join(dir, n);
      if (lookup(p, lookups) !== null) return p;
    }
    if (stopAt && resolve(dir) === resolve(stopAt)) return null;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * The configuration for a file: the nearest `.shipshape.yaml` and `.hadolint.yaml` walking up from its
 * directory (not above `root` when given), or an explicit config file.
 */
export function loadConfig(
  filePath: string,
  opts: { root?: string; configFile?: string; lookups?: Map<string, string | null> } = {},
): Config {
  const config = defaultConfig();
  config.preset = DEFAULT_PRESET;
  const dir = dirname(resolve(filePath));
  const hadolint = findUp(dir, HADOLINT_NAMES, opts.root, opts.lookups);
  if (hadolint) applyChecked(config, readCached(hadolint) ?? '', hadolint, 'hadolint');
  const own = opts.configFile ? resolve(opts.configFile) : findUp(dir, CONFIG_NAMES, opts.root, opts.lookups);
  if (own) {
    const text = readCached(own);
    if (text === null) config.problems.push(`${own}: cannot be read`);
    else applyChecked(config, text, own, 'shipshape');
  }
  return config;
}

const checked = new Map<string, string[]>();

/**
 * Applies a configuration file and lists its mistakes as `path:line:column: message`. The check knows every
 * mistake `apply*` notices (and more), so its located problems replace theirs.
 */
function applyChecked(config: Config, text: string, path: string, kind: ConfigKind): void {
  const before = config.problems.length;
  if (kind === 'hadolint') applyHadolintConfig(config, text, path);
  else applyShipshapeConfig(config, text, path);
  config.problems.length = before;
  const key = `${kind}\0${path}\0${text}`;
  let found = checked.get(key);
  if (!found) {
    found = checkConfigText(text, kind, rules).map(
      (p) => `${path}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}`,
    );
    if (checked.size > 32) checked.clear();
    checked.set(key, found);
  }
  config.problems.push(...found);
}

/** Drops cached configuration files, e.g. when the editor reports that one changed. */
export function clearConfigCache(): void {
  fileCache.clear();
  checked.clear();
}
