import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Language } from './core/rule';
import { composeReferences, type ComposeReference } from './languages/compose/references';
import { detectLanguage } from './languages/detect';

/** Compose files are small; a file above this is not read for references. */
const MAX_BYTES = 256 * 1024;

function readSmall(path: string): string | undefined {
  try {
    return statSync(path).size <= MAX_BYTES ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** The include/extends references of a Compose file on disk, variables resolved from the `.env` beside it. */
export function referencesOf(file: string): ComposeReference[] {
  const text = readSmall(file);
  return text === undefined ? [] : composeReferences(text, readSmall(resolve(dirname(file), '.env')));
}

/**
 * The files of a CLI run that a Compose file of the same run names in `include:` or `extends: file:`
 * (followed from file to file), with how: Compose reads them as Compose files whatever their names, so
 * they are linted as Compose, and a file only ever extended is partial (its services are templates).
 * Only files of the run are considered; nothing else is read (`references` may answer from a cache).
 */
export function composeFilesOfRun(
  files: { path: string; language: Language | undefined }[],
  references: (file: string) => ComposeReference[] = referencesOf,
): Map<string, ComposeReference['kind']> {
  const inRun = new Set(files.map((f) => f.path));
  const found = new Map<string, ComposeReference['kind']>();
  const queue = files
    .filter((f) => (f.language ?? detectLanguage(basename(f.path))) === 'compose')
    .map((f) => f.path);
  const done = new Set<string>();
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (done.has(file)) continue;
    done.add(file);
    for (const ref of references(file)) {
      const target = resolve(dirname(file), ref.path);
      if (!inRun.has(target)) continue;
      const before = found.get(target);
      if (before !== 'include') found.set(target, ref.kind);
      if (before === undefined) queue.push(target);
    }
  }
  return found;
}
