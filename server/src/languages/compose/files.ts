import type { Host } from '../../core/rule';
import { isMap, isScalar, items, type Node, type Scalar } from '../yaml/model';
import { entriesOf as entries, resolved, type ComposeModel, type ComposeService } from './model';

/** Files a Compose file names that compose-go reads before it does anything: include, extends, env_file. */

export interface FileRef {
  /** The path with `.env` values substituted, relative to the Compose file's folder (or absolute). */
  path: string;
  node: Scalar;
  /** False for a service `env_file` entry written with `required: false`. */
  required: boolean;
}

export type FileState = 'present' | 'missing' | 'outside' | 'unknown';

/**
 * Remote resources compose-go fetches through a resource loader (git, OCI, HTTP, or any `scheme:` a
 * loader accepts): not files to look for. A one-letter scheme is a Windows drive.
 */
const REMOTE = /^([a-z][a-z0-9+.-]+:|git@)/i;

/** A path scalar's value, or null when it is remote, not a string, or built from unknown variables. */
export function pathOf(model: ComposeModel, node: Node | null | undefined): string | null {
  if (!isScalar(node) || typeof node.value !== 'string') return null;
  const r = resolved(model, node);
  if (!r || r.unresolved || r.value === '' || REMOTE.test(r.value)) return null;
  return r.value;
}

function refs(model: ComposeModel, nodes: (Node | null | undefined)[], required = true): FileRef[] {
  const out: FileRef[] = [];
  for (const n of nodes) {
    const path = pathOf(model, n);
    if (path !== null) out.push({ path, node: n as Scalar, required });
  }
  return out;
}

export interface IncludeRef {
  files: FileRef[];
  /** False when a path is remote or built from variables `.env` does not set. */
  complete: boolean;
  envFiles: FileRef[];
}

/** `include:` entries: a path, or `{ path: <path or list>, env_file: <path or list>, project_directory }`. */
export function includesOf(model: ComposeModel): IncludeRef[] {
  const out: IncludeRef[] = [];
  for (const item of items(model.top.get('include')?.value)) {
    if (isScalar(item)) {
      const files = refs(model, [item]);
      out.push({ files, complete: files.length === 1, envFiles: [] });
      continue;
    }
    if (!isMap(item)) {
      out.push({ files: [], complete: false, envFiles: [] });
      continue;
    }
    const get = (k: string): Node[] => {
      const v = entries(item).find((e) => e.key === k)?.value;
      return isScalar(v) ? [v] : items(v);
    };
    // compose-go reads `env_file` relative to the including file's folder, and skips /dev/null.
    const envFiles = refs(model, get('env_file')).filter((r) => r.path !== '/dev/null');
    const files = refs(model, get('path'));
    out.push({ files, complete: files.length > 0 && files.length === get('path').length, envFiles });
  }
  return out;
}

/** A service's `env_file` entries: a path, a list of paths, or items `{ path, required }`. */
export function envFilesOf(model: ComposeModel, service: ComposeService): FileRef[] {
  const v = service.get('env_file')?.value;
  if (isScalar(v)) return refs(model, [v]);
  const out: FileRef[] = [];
  for (const item of items(v)) {
    if (isScalar(item)) out.push(...refs(model, [item]));
    else if (isMap(item)) {
      const e = entries(item);
      const req = e.find((x) => x.key === 'required')?.value;
      const optional = isScalar(req) && (req.value === false || req.value === 'false');
      out.push(...refs(model, [e.find((x) => x.key === 'path')?.value], !optional));
    }
  }
  return out;
}

/** What the host can say of a file: there, not there, refused (outside the workspace), or unknown. */
export function fileState(host: Host, path: string): FileState {
  const exists = host.exists(path);
  if (exists === true) return 'present';
  if (exists === false) return 'missing';
  return host.outside?.(path) ? 'outside' : 'unknown';
}

/** The folder part of a relative path (`a/b.yaml` → `a`, `b.yaml` → `.`). */
export function dirOf(path: string): string {
  const i = path.replace(/\\/g, '/').lastIndexOf('/');
  return i < 0 ? '.' : path.slice(0, i) || '/';
}
