import { readdirSync, readFileSync, statSync } from 'node:fs';
import { opendir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { IndexedObject } from './core/kubernetes-index';
import { walkCandidate } from './languages/detect';
import { summarizeText } from './languages/kubernetes/workspace';
import { diskHost } from './workspace';

/**
 * Node-only glue of the workspace index (see languages/kubernetes/workspace.ts): which files it reads and
 * how. Read-only, inside the given roots, bounded: directories that hold no one's manifests (dependencies,
 * version control, build output, vendored code) are skipped, as are files over 1 MB (generated bundles,
 * not an application's objects) and everything past the first MAX_INDEX_FILES candidates.
 */
export const MAX_INDEX_FILE_BYTES = 1024 * 1024;
export const MAX_INDEX_FILES = 5000;

const SKIP_DIRS = new Set([
  'node_modules',
  'bower_components',
  'vendor',
  'third_party',
  'dist',
  'out',
  'target',
  'venv',
  '__pycache__',
]);

/** Hidden directories (`.git`, `.terraform`, `.venv`) and the ones above hold no manifests of the app. */
export function skipDirectory(name: string): boolean {
  return name.startsWith('.') || SKIP_DIRS.has(name);
}

/** A file the index reads: YAML or JSON a manifest may be in, and kustomizations (for their generators). */
export function indexCandidate(path: string): boolean {
  const base = basename(path);
  return base === 'Kustomization' || (/\.(ya?ml|json)$/i.test(base) && walkCandidate(base));
}

/**
 * A file's entries; the kustomizations that may list it as a patch are read within `root` (by default as
 * the CLI's host reads: the current directory when the file is in it, else the file's own). `reads`
 * remembers those reads across the files of one walk: files of a folder ask for the same kustomizations.
 */
export function summarizeFile(
  path: string,
  text: string,
  root?: string,
  reads?: Map<string, string | undefined>,
): IndexedObject[] {
  try {
    const host = diskHost(path, root === undefined ? {} : { root });
    const read = host.read?.bind(host);
    const dir = dirname(path);
    const cached = reads
      ? {
          ...host,
          read: (rel: string) => {
            const key = resolve(dir, rel);
            if (!reads.has(key)) reads.set(key, read?.(rel));
            return reads.get(key);
          },
        }
      : host;
    return summarizeText(path, text, cached);
  } catch {
    return [];
  }
}

/** Reads a candidate synchronously (the CLI): undefined when over the limit or unreadable. */
export function readCandidate(path: string): string | undefined {
  try {
    if (statSync(path).size > MAX_INDEX_FILE_BYTES) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Reads a candidate without blocking (the language server's index thread). */
export async function readCandidateAsync(path: string): Promise<string | undefined> {
  try {
    if ((await stat(path)).size > MAX_INDEX_FILE_BYTES) return undefined;
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The candidate files under a root, depth first in name order, at most `limit`; `complete` is false when
 * the limit cut the walk short. Symbolic links are not followed (they could lead out of the root).
 */
export async function walkWorkspace(
  root: string,
  limit = MAX_INDEX_FILES,
): Promise<{ files: string[]; complete: boolean }> {
  const files: string[] = [];
  const walk = async (dir: string): Promise<boolean> => {
    let entries;
    try {
      const handle = await opendir(dir);
      entries = [];
      for await (const e of handle) entries.push(e);
    } catch {
      return true;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!skipDirectory(e.name) && !(await walk(p))) return false;
      } else if (e.isFile() && indexCandidate(p)) {
        if (files.length >= limit) return false;
        files.push(p);
      }
    }
    return true;
  };
  const complete = await walk(root);
  return { files, complete };
}

/** The same walk, synchronous, for tests and benchmarks that build an index in one go. */
export function walkWorkspaceSync(
  root: string,
  limit = MAX_INDEX_FILES,
): { files: string[]; complete: boolean } {
  const files: string[] = [];
  const walk = (dir: string): boolean => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return true;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!skipDirectory(e.name) && !walk(p)) return false;
      } else if (e.isFile() && indexCandidate(p)) {
        if (files.length >= limit) return false;
        files.push(p);
      }
    }
    return true;
  };
  const complete = walk(root);
  return { files, complete };
}
