import { readdirSync, realpathSync } from 'node:fs';
import { dirname, normalize, resolve, sep } from 'node:path';
import { walkCandidate } from '../languages/detect';
import { Gitignore } from './gitignore';
import { UsageError } from './options';

/** Directories no project lints: dependencies, VCS data, build output, virtual environments. */
const SKIP_DIRS = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'out',
  'dist',
  '.venv',
  'venv',
  '__pycache__',
]);

/** What an entry of a walked folder is; a symbolic link is not followed. */
export type EntryType = 'file' | 'dir' | 'link' | 'other';

/**
 * The entries of the folders a walk read, by absolute path. A walk from a real path (no symbolic link on
 * it) enters only real folders, so each of them is one too: the cache answers "is X there?" about a
 * file beside a linted one from here instead of asking the file system again.
 */
export type Listings = Map<string, Map<string, EntryType>>;

function typeOf(e: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): EntryType {
  return e.isFile() ? 'file' : e.isDirectory() ? 'dir' : e.isSymbolicLink() ? 'link' : 'other';
}

/** `localeCompare`'s order, at a fraction of its cost. */
const byName = new Intl.Collator().compare;

/**
 * Files under a directory whose kind we know, by name (YAML files are kept for content detection), in a
 * stable order: entries sorted by name at each level. Without `useGitignore` (--no-ignore) only SKIP_DIRS
 * are skipped. `abs` receives each file's absolute path, `listings` the entries of the folders read.
 */
export function walk(dir: string, useGitignore: boolean, listings?: Listings, abs?: string[]): string[] {
  const out: string[] = [];
  const absDir = resolve(dir);
  let real = false;
  try {
    real = realpathSync.native(absDir) === absDir;
  } catch {
    // Not readable: visit says so.
  }
  const recorded = real ? listings : undefined;
  // Folders of a project repeat the same few names: each is judged once.
  const judged = new Map<string, boolean>();
  const candidate = (name: string): boolean => {
    let c = judged.get(name);
    if (c === undefined) judged.set(name, (c = walkCandidate(name)));
    return c;
  };
  const visit = (d: string, absD: string, outer: Gitignore | undefined, top: boolean): void => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      throw new UsageError(`cannot read directory ${d}`);
    }
    const listing = recorded && new Map<string, EntryType>();
    // The file system root's path keeps its separator (absD has it cut off).
    if (listing) recorded?.set(absD.length < absDir.length ? absDir : absD, listing);
    // A folder's own .gitignore applies inside it (the top one's is in `outer` already).
    const ignore = !top && outer && entries.some((e) => e.name === '.gitignore') ? outer.enter(absD) : outer;
    for (const e of entries.sort((a, b) => byName(a.name, b.name))) {
      listing?.set(e.name, typeOf(e));
      const full = absD + sep + e.name;
      if (e.isDirectory()) {
        if (SKIP_DIRS.has(e.name) || ignore?.ignores(full, true)) continue;
        visit(child(d, e.name), full, ignore, false);
      } else if (e.isFile() && candidate(e.name) && !ignore?.ignores(full, false)) {
        out.push(child(d, e.name));
        abs?.push(full);
      }
    }
  };
  // Paths below `dir` are `join`'s, made by appending names to its normalised form.
  const top = normalize(dir);
  const child = (d: string, name: string): string =>
    d === '.' ? name : d.endsWith(sep) || d.endsWith('/') ? d + name : d + sep + name;
  // The file system root is the one folder whose path already ends with a separator.
  visit(
    dirname(top) !== top && (top.endsWith(sep) || top.endsWith('/')) ? top.slice(0, -1) : top,
    absDir.endsWith(sep) ? absDir.slice(0, -1) : absDir,
    useGitignore ? Gitignore.at(absDir) : undefined,
    true,
  );
  return out;
}
