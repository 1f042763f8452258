import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import picomatch from 'picomatch';

/**
 * .gitignore semantics (git-scm.com/docs/gitignore) on top of picomatch: comments, escaped spaces, `!`
 * negation, a trailing `/` for directories only, patterns with a slash anchored to their file's directory
 * and the others matching at any depth, `**`; the last matching line wins, and files deeper in the tree
 * are read later so they win over their parents. A directory that is ignored is not entered, so — as in
 * git — nothing under it can be re-included.
 */
interface Line {
  negate: boolean;
  dirOnly: boolean;
  match: (rel: string) => boolean;
}

interface Layer {
  base: string;
  /** `base` and a separator. */
  prefix: string;
  lines: Line[];
}

const PICOMATCH = { dot: true, nobrace: true, noextglob: true } as const;

/** A gitignore glob in picomatch syntax: only `*`, `?`, `[…]` and `\` are special in gitignore. */
function toPicomatch(glob: string): string {
  let out = '';
  let inBracket = false;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (ch === '\\') {
      out += ch + (glob[i + 1] ?? '\\');
      i++;
    } else if (inBracket) {
      if (ch === ']') inBracket = false;
      out += ch;
    } else if (ch === '[' && glob.indexOf(']', i + 2) > 0) {
      inBracket = true;
      out += '[';
      if (glob[i + 1] === '!' || glob[i + 1] === '^') {
        out += '^';
        i++;
      }
      // A `]` right after the opening bracket is a member, not the end.
      if (glob[i + 1] === ']') {
        out += '\\]';
        i++;
      }
    } else if ('()|@!+{}$^'.includes(ch)) out += '\\' + ch;
    else out += ch;
  }
  return out;
}

export function parseGitignore(text: string): Line[] {
  const lines: Line[] = [];
  for (let raw of text.split('\n')) {
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    if (raw === '' || raw.startsWith('#')) continue;
    // Trailing spaces go unless escaped with a backslash.
    let end = raw.length;
    while (end > 0 && raw[end - 1] === ' ' && raw[end - 2] !== '\\') end--;
    let p = raw.slice(0, end);
    const negate = p.startsWith('!');
    if (negate) p = p.slice(1);
    const dirOnly = p.endsWith('/') && !p.endsWith('\\/');
    while (dirOnly && p.endsWith('/')) p = p.slice(0, -1);
    if (p === '') continue;
    const anchored = p.includes('/');
    if (p.startsWith('/')) p = p.slice(1);
    const glob = (anchored ? '' : '**/') + toPicomatch(p);
    // What picomatch(glob)(rel) answers, without the result object it makes for every path.
    const re = picomatch.makeRe(glob, PICOMATCH);
    lines.push({ negate, dirOnly, match: (rel) => rel !== '' && (rel === glob || re.test(rel)) });
  }
  return lines;
}

function readIgnoreFile(path: string): Line[] {
  try {
    return parseGitignore(readFileSync(path, 'utf8'));
  } catch {
    return [];
  }
}

/** The nearest directory at or above `dir` holding `.git` (a directory or, in a worktree, a file). */
function gitRoot(dir: string): string | undefined {
  for (let cur = dir; ;) {
    if (existsSync(join(cur, '.git'))) return cur;
    const parent = dirname(cur);
    if (parent === cur) return undefined;
    cur = parent;
  }
}

/** The ignore rules in force in one directory of a walk; `enter` gives those of a subdirectory. */
export class Gitignore {
  private constructor(private readonly layers: readonly Layer[]) {}

  /**
   * The rules for a walk starting at `dir` (absolute): `.git/info/exclude` and the `.gitignore` files
   * from the repository's root down to `dir`, so `shipshape lint sub/` skips what the root file ignores.
   */
  static at(dir: string): Gitignore {
    const root = gitRoot(dir);
    const layers: Layer[] = [];
    if (root) {
      const exclude = join(root, '.git', 'info', 'exclude');
      if (isFile(exclude)) layers.push({ base: root, prefix: withSep(root), lines: readIgnoreFile(exclude) });
      const chain: string[] = [];
      for (let cur = dir; cur !== root; cur = dirname(cur)) chain.unshift(cur);
      chain.unshift(root);
      for (const d of chain) pushLayer(layers, d);
    } else pushLayer(layers, dir);
    return new Gitignore(layers);
  }

  /** The rules inside `dir`, a subdirectory of this one's directory. */
  enter(dir: string): Gitignore {
    const layers = [...this.layers];
    return pushLayer(layers, dir) ? new Gitignore(layers) : this;
  }

  ignores(path: string, isDir: boolean): boolean {
    let ignored = false;
    for (const layer of this.layers) {
      // Walks hand in paths below each layer's folder: slicing is enough, and much cheaper than relative().
      const below = path.startsWith(layer.prefix)
        ? path.slice(layer.prefix.length)
        : relative(layer.base, path);
      const rel = sep === '/' ? below : below.split(sep).join('/');
      if (rel === '' || rel.startsWith('../')) continue;
      for (const line of layer.lines) {
        if (line.dirOnly && !isDir) continue;
        if (line.negate === ignored && line.match(rel)) ignored = !line.negate;
      }
    }
    return ignored;
  }
}

function withSep(dir: string): string {
  return dir.endsWith(sep) ? dir : dir + sep;
}

function isFile(p: string): boolean {
  try {
    return statSync(p, { throwIfNoEntry: false })?.isFile() === true;
  } catch {
    return false;
  }
}

function pushLayer(layers: Layer[], dir: string): boolean {
  const file = join(dir, '.gitignore');
  if (!isFile(file)) return false;
  const lines = readIgnoreFile(file);
  if (lines.length === 0) return false;
  layers.push({ base: dir, prefix: withSep(dir), lines });
  return true;
}
