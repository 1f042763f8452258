import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { applyHadolintConfig, applyShipshapeConfig, defaultConfig, type Config } from './core/config';
import type { Host } from './core/rule';

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
  if (hadolint) applyHadolintConfig(config, readCached(hadolint) ?? '', hadolint);
  const own = opts.configFile ? resolve(opts.configFile) : findUp(dir, CONFIG_NAMES, opts.root);
  if (own) {
    const text = readCached(own);
    if (text === null) config.problems.push(`${own}: cannot be read`);
    else applyShipshapeConfig(config, text, own);
  }
  return config;
}

/** Drops cached configuration files, e.g. when the editor reports that one changed. */
export function clearConfigCache(): void {
  fileCache.clear();
}
