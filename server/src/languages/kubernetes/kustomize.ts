import { parse } from 'yaml';
import type { Host } from '../../core/rule';
import { isMap, isScalar, isSeq, type Node } from '../yaml/model';

/**
 * Kustomize patches are partial objects: a strategic-merge patch names its target (apiVersion, kind,
 * metadata.name) and holds only the fields it changes, and may carry merge directives (`$patch: delete`,
 * `$setElementOrder/containers`) that only kustomize and the API server's strategic merge understand. Such
 * a document is never sent to the API server as it is, so fields it leaves out are not missing.
 */

/** Keys of the strategic-merge-patch format (apimachinery's strategicpatch package). */
export function isPatchDirective(key: string): boolean {
  return (
    key === '$patch' ||
    key === '$retainKeys' ||
    key.startsWith('$setElementOrder/') ||
    key.startsWith('$deleteFromPrimitiveList/')
  );
}

const MAX_WALK = 20_000;

/** Whether a document uses a strategic-merge directive anywhere (bounded walk). */
export function hasPatchDirective(root: Node | null): boolean {
  const stack: unknown[] = [root];
  let budget = MAX_WALK;
  while (stack.length > 0 && budget-- > 0) {
    const n = stack.pop();
    if (isMap(n)) {
      for (const pair of n.items) {
        const k = isScalar(pair.key) ? pair.key.value : undefined;
        if (typeof k === 'string' && isPatchDirective(k)) return true;
        stack.push(pair.value);
      }
    } else if (isSeq(n)) stack.push(...n.items);
  }
  return false;
}

/** The names kustomize looks for, in its order. */
const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
/** How many directories up a kustomization may list a patch (`overlays/prod/patches/x.yaml`). */
const MAX_LEVELS = 3;

const listedCache = new Map<string, string[]>();

/** The patch paths a kustomization lists, as written (relative to its directory). */
export function listedPatches(text: string): string[] {
  const hit = listedCache.get(text);
  if (hit) return hit;
  const out: string[] = [];
  let data: unknown;
  try {
    data = parse(text);
  } catch {
    data = null;
  }
  if (data && typeof data === 'object') {
    const k = data as Record<string, unknown>;
    for (const field of ['patches', 'patchesStrategicMerge', 'patchesJson6902']) {
      const list = k[field];
      if (!Array.isArray(list)) continue;
      for (const item of list) {
        // `- x.yaml`, or `- path: x.yaml` (with or without a target); inline patches (`patch: |`) have no file.
        if (typeof item === 'string' && !/\n|:\s/.test(item)) out.push(item.trim());
        else if (item && typeof item === 'object') {
          const p = (item as Record<string, unknown>).path;
          if (typeof p === 'string') out.push(p.trim());
        }
      }
    }
  }
  if (listedCache.size > 100) listedCache.clear();
  listedCache.set(text, out);
  return out;
}

/** `a/./b/../c.yaml` → `a/c.yaml`; null when it climbs above its start. */
function normalize(path: string): string | null {
  const out: string[] = [];
  for (const seg of path.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.pop() === undefined) return null;
    } else out.push(seg);
  }
  return out.join('/');
}

/**
 * Whether a kustomization in the file's directory or one of the few above lists the file as a patch.
 * `undefined` when that cannot be known (no file system behind the document).
 */
export function isListedPatch(name: string, host: Host): boolean | undefined {
  const read = host.read?.bind(host);
  if (!read) return undefined;
  const segments = name.replace(/\\/g, '/').split('/');
  const base = segments.pop();
  if (!base) return undefined;
  let known = false;
  for (let level = 0; level <= MAX_LEVELS; level++) {
    // The file's path as seen from the directory `level` steps up.
    const below = segments.slice(segments.length - level);
    if (below.length < level) break;
    const own = [...below, base].join('/');
    for (const k of KUSTOMIZATION_NAMES) {
      const text = read('../'.repeat(level) + k);
      if (text === undefined) continue;
      known = true;
      if (listedPatches(text).some((p) => normalize(p) === own)) return true;
    }
  }
  return known ? false : undefined;
}
