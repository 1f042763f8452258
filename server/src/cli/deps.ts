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
  if (!p.startsWith(root)) return false;
  return p.length === root.length || root.endsWith(sep) || p[root.length] === sep;
}

/** What a question about a sibling got: existence, the hash of the text read, or null (nothing). */
export type Answer = boolean | string | null;

/** A question as asked (`op` and `path`), with the path split into levels up and a plain name (or none). */
interface Question {
  op: Dep['op'];
  path: string;
  up: number;
  name: string | undefined;
  /** The name in lower case, and whether it is ASCII (see mayBeThere). */
  lower: string;
  ascii: boolean;
  /** The number of the same question about the name in its own folder (`up` 0). */
  base: number;
}

/**
 * The answers for files of one folder: their questions are relative to it, so they share them (a Compose
 * file and its Dockerfile both ask for `.dockerignore`). `lists` is for the caller: whole lists of
 * questions answered as expected, or not.
 */
export interface Folder {
  dir: string;
  root: string;
  up: (Map<string, EntryType> | null)[];
  /** The folders of `up`, each with a separator at the end. */
  upDirs: string[];
  answers: Map<number, Answer>;
  lists: Map<number, boolean>;
}

/**
 * Whether the siblings a cached result depended on still answer the same. Questions are interned
 * (`question`: a folder's files ask a few dozen distinct ones in all), and answered once per folder. The
 * on-disk host's answer is worked out again only where it could differ from a plain look at the path: when
 * the path leaves the host's root (diskHost's rule: the working directory for files in it) or goes through
 * a symbolic link; otherwise the walk's listing, or one lstat (and the file's hash, from its stamp when it
 * did not change), gives the same answer without resolving every ancestor.
 */
export class DepChecker {
  private readonly hosts = new Map<string, Host>();
  private readonly realDirs = new Map<string, boolean>();
  private readonly folded = new Map<Map<string, EntryType>, Set<string>>();
  private readonly folders = new Map<string, Folder>();
  private readonly byListing = new Map<Map<string, EntryType>, Map<number, Answer>>();
  private readonly questions: Question[] = [];
  private readonly ids = new Map<string, number>();
  private readonly cwd = process.cwd();

  /**
   * `listings`: the folders the run's walk read, to answer from without asking the file system again.
   * `questions`: the keys (`questionKeys`) of a previous run, so that its question numbers stand.
   */
  constructor(
    private readonly states: FileStates,
    private readonly listings?: Listings,
    questions: readonly string[] = [],
  ) {
    for (const k of questions) {
      const cut = k.indexOf('\0');
      const op = k.slice(0, cut);
      this.question(op === 'exists' ? 'exists' : 'read', k.slice(cut + 1));
    }
  }

  /**
   * Whether questions saved by `questionKeys` are numbered here as they were: each appears once, and a
   * question about `../x` after the one about `x` (which `question` numbers first).
   */
  static canLoad(keys: readonly string[]): boolean {
    const seen = new Set<string>();
    for (const k of keys) {
      const cut = k.indexOf('\0');
      let name = k.slice(cut + 1);
      while (name.startsWith('../')) name = name.slice(3);
      const base = `${k.slice(0, cut)}\0${name}`;
      const plain = /^[\w.-]+$/.test(name) && name !== '.' && name !== '..';
      if (seen.has(k) || (base !== k && plain && !seen.has(base))) return false;
      seen.add(k);
    }
    return true;
  }

  /** The number of a question, the same for the same op and path. */
  question(op: Dep['op'], path: string): number {
    const key = `${op}\0${path}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      let up = 0;
      let name = path;
      while (name.startsWith('../')) {
        up++;
        name = name.slice(3);
      }
      const plain = /^[\w.-]+$/.test(name) && name !== '.' && name !== '..';
      const lower = name.toLowerCase();
      // eslint-disable-next-line no-control-regex -- ASCII names only: others may be normalised
      const ascii = !/[^\x00-\x7f]/.test(name);
      // The question as its folder's files ask it comes first: `../x` shares the answers of `x`.
      const base = up > 0 && plain ? this.question(op, name) : this.questions.length;
      id = this.questions.push({ op, path, up, name: plain ? name : undefined, lower, ascii, base }) - 1;
      this.ids.set(key, id);
    }
    return id;
  }

  /** Every question's key, by number. */
  questionKeys(): string[] {
    return this.questions.map((q) => `${q.op}\0${q.path}`);
  }

  /** The answers of the folder holding `file` (absolute, resolve's output). */
  folder(file: string): Folder {
    const dir = dirname(file);
    let f = this.folders.get(dir);
    if (!f) {
      // The folder decides the host's root: the working directory when the folder is in it.
      const root = within(this.cwd, dir) ? this.cwd : dir;
      this.folders.set(dir, (f = { dir, root, up: [], upDirs: [], answers: new Map(), lists: new Map() }));
    }
    return f;
  }

  /** The answer question `q` gets from a file of `folder` now. */
  answer(folder: Folder, q: number): Answer {
    let a = folder.answers.get(q);
    if (a === undefined) {
      const question = this.questions[q];
      if (!question) return null;
      a = this.listed(folder, question) ?? this.looked(folder, question);
      folder.answers.set(q, a);
    }
    return a;
  }

  /** `file` is absolute (resolve's output): whether every question in `deps` gets the answer it got. */
  holds(file: string, deps: readonly Dep[]): boolean {
    if (deps.length === 0) return true;
    const folder = this.folder(file);
    return deps.every((d) => this.answer(folder, this.question(d.op, d.path)) === d.seen);
  }

  /**
   * The answer about a name in the folder or one of its parents, straight from the walk's listing (most
   * questions are "is there a kustomization.yaml two levels up?"); undefined when a look at the path is
   * needed (a file to hash, a link, a path leaving the root).
   */
  private listed(folder: Folder, q: Question): Answer | undefined {
    if (!this.listings || q.name === undefined) return undefined;
    let listing = folder.up[q.up];
    if (listing === undefined) {
      let dir: string | undefined = folder.dir;
      for (let i = 0; i < q.up && dir !== undefined; i++)
        dir = dir === folder.root ? undefined : dirname(dir);
      listing = (dir !== undefined && this.isRealDir(folder.root) && this.listings.get(dir)) || null;
      folder.up[q.up] = listing;
      if (listing && dir !== undefined) folder.upDirs[q.up] = dir.endsWith(sep) ? dir : dir + sep;
    }
    if (!listing) return undefined;
    // What a listing says about a name does not depend on who asks: folders below share it.
    let known = this.byListing.get(listing);
    if (!known) this.byListing.set(listing, (known = new Map()));
    let a = known.get(q.base);
    if (a === undefined) {
      a = this.fromListing(listing, folder.upDirs[q.up] ?? '', q, q.name);
      if (a !== undefined) known.set(q.base, a);
    }
    return a;
  }

  /** The answer from a listing of `dir` (with a separator at its end), or undefined when it cannot say. */
  private fromListing(
    listing: Map<string, EntryType>,
    dir: string,
    q: Question,
    name: string,
  ): Answer | undefined {
    const type = listing.get(name);
    if (type === undefined) {
      if (!q.ascii || this.lowerNames(listing).has(q.lower)) return undefined;
      return q.op === 'exists' ? false : null;
    }
    if (type === 'link') return undefined;
    if (q.op === 'exists') return true;
    if (type !== 'file') return null;
    // A regular file in a real folder inside the root: what the host reads is its bytes.
    const abs = dir + name;
    const size = this.states.sizeOf(abs);
    if (size !== undefined) return size > MAX_READ_BYTES ? null : this.states.hash(abs);
    let st;
    try {
      st = lstatSync(abs, { throwIfNoEntry: false });
    } catch {
      return undefined;
    }
    if (!st?.isFile()) return undefined;
    return st.size > MAX_READ_BYTES ? null : this.states.hashOfFile(abs, st);
  }

  private looked(folder: Folder, q: Question): Answer {
    const abs = under(folder.dir, q.path);
    const a = this.plain(abs, folder.root, q.op);
    return a === undefined ? this.viaHost(folder.dir, q) : a;
  }

  /** The answer from the path itself, or undefined when only the host can say. */
  private plain(abs: string, root: string, op: Dep['op']): Answer | undefined {
    if (!within(root, abs) || !this.isRealDir(root)) return undefined;
    const listing = this.listings?.get(dirname(abs));
    if (listing) {
      const type = listing.get(basename(abs));
      if (type === undefined && !this.mayBeThere(listing, basename(abs)))
        return op === 'exists' ? false : null;
      if (type === 'link') return undefined;
      if (type !== undefined && op === 'exists') return true;
      if (type === 'dir' || type === 'other') return null;
      // A regular file the run has hashed already (a Compose file's Dockerfile): no need to look again.
      const size = type === 'file' ? this.states.sizeOf(abs) : undefined;
      if (size !== undefined) return size > MAX_READ_BYTES ? null : this.states.hash(abs);
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
   * The names of a listing in lower case. A name missing from a listing may still be found on a file
   * system that ignores case (`dockerfile` finds `Dockerfile`) or normalises Unicode: then only lstat can say.
   */
  private lowerNames(listing: Map<string, EntryType>): Set<string> {
    let lower = this.folded.get(listing);
    if (!lower) this.folded.set(listing, (lower = new Set([...listing.keys()].map((n) => n.toLowerCase()))));
    return lower;
  }

  private mayBeThere(listing: Map<string, EntryType>, name: string): boolean {
    // eslint-disable-next-line no-control-regex -- ASCII names only: others may be normalised
    return /[^\x00-\x7f]/.test(name) || this.lowerNames(listing).has(name.toLowerCase());
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

  private viaHost(dir: string, q: Question): Answer {
    let host = this.hosts.get(dir);
    if (!host) this.hosts.set(dir, (host = diskHost(join(dir, '_'), { remember: false })));
    if (q.op === 'exists') return host.exists(q.path) ?? null;
    const text = host.read?.(q.path);
    return text === undefined ? null : sha1(text);
  }
}
