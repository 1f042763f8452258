import { readdirSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
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

/**
 * Files under a directory whose kind we know, by name (YAML files are kept for content detection), in a
 * stable order: entries sorted by name at each level. Without `useGitignore` (--no-ignore) only SKIP_DIRS
 * are skipped.
 */
export function walk(dir: string, useGitignore: boolean): string[] {
  const out: string[] = [];
  const visit = (d: string, absD: string, ignore: Gitignore | undefined): void => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      throw new UsageError(`cannot read directory ${d}`);
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      const abs = absD + sep + e.name;
      if (e.isDirectory()) {
        if (SKIP_DIRS.has(e.name) || ignore?.ignores(abs, true)) continue;
        visit(p, abs, ignore?.enter(abs));
      } else if (e.isFile() && walkCandidate(e.name) && !ignore?.ignores(abs, false)) out.push(p);
    }
  };
  const absDir = resolve(dir);
  // The file system root is the one folder whose path already ends with a separator.
  visit(
    dir,
    absDir.endsWith(sep) ? absDir.slice(0, -1) : absDir,
    useGitignore ? Gitignore.at(absDir) : undefined,
  );
  return out;
}
