import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { applyHadolintConfig, applyShipshapeConfig, defaultConfig, type Config } from './core/config';
import { checkConfigText, type ConfigKind } from './core/config-check';
import type { Host } from './core/rule';
import { rules } from './rules';

/** A host for a document on disk: sibling files are looked up next to it. */
export function diskHost(filePath: string): Host {
  const dir = dirname(filePath);
  return {
    fileName: basename(filePath),
    exists: (rel) => {
      try {
        return existsSync(join(dir, rel));
      } catch {
        return undefined;
      }
    },
    read: (rel) => {
      const p = join(dir, rel);
      try {
        // Only small files are read (a .env is a few hundred bytes); anything large is not data we need.
        return statSync(p).size <= 256 * 1024 ? readFileSync(p, 'utf8') : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

const CONFIG_NAMES = ['.shipshape.yaml', '.shipshape.yml'];
const HADOLINT_NAMES = ['.hadolint.yaml', '.hadolint.yml'];

interface Cached {
  mtimeMs: number;
  text: string;
}
const fileCache = new Map<string, Cached | null>();

function readCached(path: string): string | null {
  let st;
  try {
    st = statSync(path);
  } catch {
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

function findUp(startDir: string, names: string[], stopAt: string | undefined): string | null {
  let dir = resolve(startDir);
  for (;;) {
    for (const n of names) {
      const p = join(dir, n);
      if (readCached(p) !== null) return p;
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
export function loadConfig(filePath: string, opts: { root?: string; configFile?: string } = {}): Config {
  const config = defaultConfig();
  const dir = dirname(resolve(filePath));
  const hadolint = findUp(dir, HADOLINT_NAMES, opts.root);
  if (hadolint) applyChecked(config, readCached(hadolint) ?? '', hadolint, 'hadolint');
  const own = opts.configFile ? resolve(opts.configFile) : findUp(dir, CONFIG_NAMES, opts.root);
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
