import { lstatSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { Host } from '../core/rule';
import { diskHost, MAX_READ_BYTES } from '../workspace';
import { sha1, type FileStates } from './file-state';
import type { EntryType, Listings } from './walk';

/**
 * A sibling the analysis looked at through the host, and what it saw: whether a path existed, or the hash
 * of what was read (null: nothing). A cached result stands only while every answer is still the same.
 */
export interface Dep {
  op: 'exists' | 'read';
  path: string;
  seen: boolean | string | null;
}

/**
 * A host that writes down every question asked of it (see Dep) and whether the analysis looked at the
 * run's Kubernetes objects; any other question marks the result unkeyable.
 */
export function recordingHost(host: Host): {
  host: Host;
  deps: () => Dep[];
  uncacheable: () => boolean;
  usesIndex: () => boolean;
} {
  const deps = new Map<string, Dep>();
  let uncacheable = false;
  let usesIndex = false;
  const proxy = new Proxy(host, {
    get(target, key, receiver) {
      const v: unknown = Reflect.get(target, key, receiver);
      if (key === 'kubernetes' && v !== undefined) usesIndex = true;
      if (typeof v !== 'function') return v;
      if (key === 'exists')
        return (rel: string) => {
          const seen = target.exists(rel);
          deps.set(`exists\0${rel}`, { op: 'exists', path: rel, seen: seen ?? null });
          return seen;
        };
      if (key === 'read')
        return (rel: string) => {
          const text = target.read?.(rel);
          deps.set(`read\0${rel}`, { op: 'read', path: rel, seen: text === undefined ? null : sha1(text) });
          return text;
        };
      return (...args: unknown[]) => {
        uncacheable = true;
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    host: proxy,
    deps: () => [...deps.values()],
    uncacheable: () => uncacheable,
    usesIndex: () => usesIndex,
  };
}

/** `resolve(dir, rel)` without its cost for the usual `name` and `../name` (dir is already resolved). */
function under(dir: string, rel: string): string {
  let d = dir;
  let r = rel;
  while (r.startsWith('../')) {
    d = dirname(d);
    r = r.slice(3);
  }
  return /^[\w.-]+$/.test(r) && r !== '.' && r !== '..' && d.length > 1 && !d.endsWith(sep)
    ? d + sep + r
    : resolve(dir, rel);
}

/** `p` is `root` or below it; both absolute and normalised (resolve's output), so a prefix test will do. */
function within(root: string, p: string): boolean {
  return p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * Whether the siblings a cached result depended on still answer the same. Answers are kept for the run
 * (files in one folder ask about the same `.env` or `kustomization.yaml`). The on-disk host's answer is
 * worked out again only where it could differ from a plain look at the path: when the path leaves the
 * host's root (diskHost's rule: the working directory for files in it) or goes through a symbolic link;
 * otherwise one lstat (and the file's hash, from its stamp when it did not change) gives the same answer
 * without resolving every ancestor.
 */
export class DepChecker {
  private readonly hosts = new Map<string, Host>();
  private readonly answers = new Map<string, boolean | string | null>();
  private readonly realDirs = new Map<string, boolean>();
  private readonly lists = new Map<string, boolean>();
  private readonly folded = new Map<Map<string, EntryType>, Set<string>>();
  private readonly cwd = process.cwd();

  /** `listings`: the folders the run's walk read, to answer from without asking the file system again. */
  constructor(
    private readonly states: FileStates,
    private readonly listings?: Listings,
  ) {}

  /**
   * `file` is absolute (resolve's output). `list` names `deps` (the cache keeps each list once): files of
   * one folder with the same list (a Deployment and its Service asking for kustomizations) share the answer.
   */
  holds(file: string, deps: readonly Dep[], list?: number): boolean {
    if (deps.length === 0) return true;
    const dir = dirname(file);
    const key = list === undefined ? undefined : `${list}\0${dir}`;
    let ok = key === undefined ? undefined : this.lists.get(key);
    if (ok === undefined) {
      const root = within(this.cwd, file) ? this.cwd : dir;
      const up: (Map<string, EntryType> | null)[] = [];
      ok = deps.every((d) => (this.listed(dir, root, d, up) ?? this.answer(dir, root, d)) === d.seen);
      if (key !== undefined) this.lists.set(key, ok);
    }
    return ok;
  }

  /**
   * The answer about a name in the folder or one of its parents, straight from the walk's listing (most
   * questions are "is there a kustomization.yaml two levels up?"); undefined when a look at the path is
   * needed (a file to hash, a link, a path leaving the root). `up[k]`: the listing k levels up, or null.
   */
  private listed(
    dir: string,
    root: string,
    d: Dep,
    up: (Map<string, EntryType> | null)[],
  ): boolean | null | undefined {
    if (!this.listings) return undefined;
    let k = 0;
    let name = d.path;
    while (name.startsWith('../')) {
      k++;
      name = name.slice(3);
    }
    if (!/^[\w.-]+$/.test(name) || name === '.' || name === '..') return undefined;
    let listing = up[k];
    if (listing === undefined) {
      let folder: string | undefined = dir;
      for (let i = 0; i < k && folder !== undefined; i++)
        folder = folder === root ? undefined : dirname(folder);
      listing = (folder !== undefined && this.isRealDir(root) && this.listings.get(folder)) || null;
      up[k] = listing;
    }
    if (!listing) return undefined;
    const type = listing.get(name);
    if (type === undefined) {
      if (this.mayBeThere(listing, name)) return undefined;
      return d.op === 'exists' ? false : null;
    }
    if (type === 'link') return undefined;
    if (d.op === 'exists') return true;
    return type === 'file' ? undefined : null;
  }

  private answer(dir: string, root: string, d: Dep): boolean | string | null {
    // The folder decides the root; the answer is kept by the resolved path, which folders share.
    const abs = under(dir, d.path);
    const key = `${d.op}\0${root}\0${abs}`;
    let a = this.answers.get(key);
    if (a === undefined) {
      a = this.plain(abs, root, d.op);
      if (a === undefined) a = this.viaHost(dir, d);
      this.answers.set(key, a);
    }
    return a;
  }

  /** The answer from the path itself, or undefined when only the host can say. */
  private plain(abs: string, root: string, op: Dep['op']): boolean | string | null | undefined {
    if (!within(root, abs) || !this.isRealDir(root)) return undefined;
    const listing = this.listings?.get(dirname(abs));
    if (listing) {
      const type = listing.get(basename(abs));
      if (type === undefined && !this.mayBeThere(listing, basename(abs)))
        return op === 'exists' ? false : null;
      if (type === 'link') return undefined;
      if (type !== undefined && op === 'exists') return true;
      if (type === 'dir' || type === 'other') return null;
    } else if (!this.isRealDir(dirname(abs))) return undefined;
    let st;
    try {
      st = lstatSync(abs, { throwIfNoEntry: false });
    } catch {
      return undefined;
    }
    if (!st) return op === 'exists' ? false : null;
    if (st.isSymbolicLink()) return undefined;
    if (op === 'exists') return true;
    if (!st.isFile() || st.size > MAX_READ_BYTES) return null;
    // The hash of the bytes is the hash of the text the host reads, unless they are not valid UTF-8:
    // then the answers differ and the file is linted again, which is only slower.
    return this.states.hashOfFile(abs, st);
  }

  /**
   * Whether a name missing from a listing may still be found: on a file system that ignores case (or
   * normalises Unicode) `dockerfile` finds `Dockerfile`. Then only lstat can say.
   */
  private mayBeThere(listing: Map<string, EntryType>, name: string): boolean {
    // eslint-disable-next-line no-control-regex -- ASCII names only: others may be normalised
    if (/[^\x00-\x7f]/.test(name)) return true;
    let lower = this.folded.get(listing);
    if (!lower) this.folded.set(listing, (lower = new Set([...listing.keys()].map((n) => n.toLowerCase()))));
    return lower.has(name.toLowerCase());
  }

  private isRealDir(d: string): boolean {
    let r = this.realDirs.get(d);
    if (r === undefined) {
      try {
        r = realpathSync.native(d) === d;
      } catch {
        r = false;
      }
      this.realDirs.set(d, r);
    }
    return r;
  }

  private viaHost(dir: string, d: Dep): boolean | string | null {
    let host = this.hosts.get(dir);
    if (!host) this.hosts.set(dir, (host = diskHost(join(dir, '_'), { remember: false })));
    if (d.op === 'exists') return host.exists(d.path) ?? null;
    const text = host.read?.(d.path);
    return text === undefined ? null : sha1(text);
  }
}
