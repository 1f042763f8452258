import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Language } from './core/rule';
import { composeReferences } from './languages/compose/references';
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

/**
 * The files of a CLI run that a Compose file of the same run names in `include:` or `extends: file:`
 * (followed from file to file): Compose reads them as Compose files whatever their names, so they are
 * linted as Compose. Only files of the run are considered; nothing else is read.
 */
export function composeFilesOfRun(files: { path: string; language: Language | undefined }[]): Set<string> {
  const inRun = new Set(files.map((f) => f.path));
  const found = new Set<string>();
  const queue = files
    .filter((f) => (f.language ?? detectLanguage(basename(f.path))) === 'compose')
    .map((f) => f.path);
  const done = new Set<string>();
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (done.has(file)) continue;
    done.add(file);
    const text = readSmall(file);
    if (text === undefined) continue;
    const dotEnv = readSmall(resolve(dirname(file), '.env'));
    for (const ref of composeReferences(text, dotEnv)) {
      const target = resolve(dirname(file), ref);
      if (!inRun.has(target) || found.has(target)) continue;
      found.add(target);
      queue.push(target);
    }
  }
  return found;
}
