import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { composeReferences, type ComposeReference } from './languages/compose/references';

/**
 * Whether a Compose file in the workspace includes or extends a file (`include:`, `extends: file:`), which
 * makes it a Compose file whatever its name. The language server asks this of YAML documents detection
 * did not take as Compose. The Compose files looked at are the main ones (`compose.yaml`,
 * `docker-compose.yml`…) in the file's folder and each folder above it up to the workspace root — where
 * an including file lives — read from disk (small files only), and open documents given by the caller.
 */
const NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const MAX_BYTES = 256 * 1024;
const MAX_LEVELS = 8;

interface Cached {
  mtimeMs: number;
  refs: ComposeReference[];
}
const cache = new Map<string, Cached | null>();

function referencesOf(path: string): ComposeReference[] {
  let st;
  try {
    st = statSync(path);
  } catch {
    cache.delete(path);
    return [];
  }
  const hit = cache.get(path);
  if (hit && hit.mtimeMs === st.mtimeMs) return hit.refs;
  let refs: ComposeReference[] = [];
  if (st.isFile() && st.size <= MAX_BYTES)
    try {
      const text = readFileSync(path, 'utf8');
      let dotEnv: string | undefined;
      try {
        dotEnv = readFileSync(join(dirname(path), '.env'), 'utf8').slice(0, MAX_BYTES);
      } catch {
        dotEnv = undefined;
      }
      refs = composeReferences(text, dotEnv);
    } catch {
      refs = [];
    }
  if (cache.size > 256) cache.clear();
  cache.set(path, { mtimeMs: st.mtimeMs, refs });
  return refs;
}

function inside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !rel.startsWith(sep));
}

/** How a Compose file refers to the file: `include` (wins over `extends`), `extends`, or null for none. */
export function includedByCompose(
  filePath: string,
  root: string | undefined,
  open: readonly { path: string; text: string }[] = [],
): ComposeReference['kind'] | null {
  const file = resolve(filePath);
  let kind: ComposeReference['kind'] | null = null;
  const consider = (refs: ComposeReference[], dir: string): void => {
    for (const r of refs) if (resolve(dir, r.path) === file && kind !== 'include') kind = r.kind;
  };
  for (const o of open) consider(composeReferences(o.text), dirname(o.path));
  if (!root || kind === 'include') return kind;
  let dir = dirname(file);
  for (let level = 0; level < MAX_LEVELS && inside(root, dir); level++) {
    for (const name of NAMES) {
      const candidate = join(dir, name);
      if (candidate !== file) consider(referencesOf(candidate), dir);
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return kind;
}
