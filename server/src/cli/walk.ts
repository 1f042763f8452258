import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
  const visit = (d: string, ignore: Gitignore | undefined): void => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      throw new UsageError(`cannot read directory ${d}`);
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (SKIP_DIRS.has(e.name) || ignore?.ignores(resolve(p), true)) continue;
        visit(p, ignore?.enter(resolve(p)));
      } else if (e.isFile() && walkCandidate(e.name) && !ignore?.ignores(resolve(p), false)) out.push(p);
    }
  };
  visit(dir, useGitignore ? Gitignore.at(resolve(dir)) : undefined);
  return out;
}
