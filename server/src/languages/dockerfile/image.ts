import type { Range } from '../../core/text';
import type { ImageRef } from './model';

/** Variables known at a point of the file: name → value, or null when declared without a value. */
export type VarScope = Map<string, string | null>;
/** A scope that callers only read: scopes are shared between the rules of one analysis. */
export type ReadonlyVarScope = ReadonlyMap<string, string | null>;

/** Removes Dockerfile quoting from a word (`"a b"` → `a b`), as the builder does before using it. */
export function unquote(v: string, esc: string): string {
  let out = '';
  for (let i = 0; i < v.length; i++) {
    const c = v[i] as string;
    if (c === "'") {
      const e = v.indexOf("'", i + 1);
      out += e < 0 ? v.slice(i + 1) : v.slice(i + 1, e);
      i = e < 0 ? v.length : e;
    } else if (c === '"') {
      for (i++; i < v.length && v[i] !== '"'; i++) {
        const n = v[i + 1];
        if (v[i] === esc && n !== undefined && (n === '"' || n === '$' || n === esc)) i++;
        out += v[i];
      }
    } else if (c === esc && i + 1 < v.length) out += v[++i];
    else out += c;
  }
  return out;
}

/**
 * Substitutes `$VAR`, `${VAR}`, `${VAR:-default}` and `${VAR:+alt}` as the builder does. Returns null
 * when a variable has no known value, so callers can stay quiet instead of guessing.
 */
export function substitute(text: string, scope: ReadonlyVarScope): string | null {
  let unknown = false;
  const out = text.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (
      _m,
      braced: string | undefined,
      op: string | undefined,
      word: string | undefined,
      plain: string | undefined,
    ) => {
      const name = (braced ?? plain) as string;
      const value = scope.has(name) ? scope.get(name) : undefined;
      const isSet = value !== undefined && value !== null;
      if (op === ':-' || op === '-') {
        if (isSet && (op === '-' || value !== '')) return value;
        return word ?? '';
      }
      if (op === ':+' || op === '+') return isSet && (op === '+' || value !== '') ? (word ?? '') : '';
      if (!isSet) {
        unknown = true;
        return '';
      }
      return value;
    },
  );
  return unknown ? null : out;
}

/** Splits a reference into registry, name, tag and digest, following the distribution reference grammar. */
export function splitReference(ref: string): {
  registry: string | null;
  name: string;
  tag: string | null;
  digest: string | null;
} {
  let rest = ref;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry: string | null = null;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { registry, name: rest, tag, digest };
}

export function resolveImage(raw: string, range: Range, scope: ReadonlyVarScope): ImageRef {
  const resolved = raw.includes('$') ? substitute(raw, scope) : raw;
  const parts = splitReference(resolved ?? raw);
  let tagRange: Range | null = null;
  if (!raw.includes('$') && parts.tag !== null) {
    const idx = raw.lastIndexOf(':' + parts.tag);
    if (idx >= 0)
      tagRange = {
        start: { line: range.start.line, character: range.start.character + idx + 1 },
        end: { line: range.start.line, character: range.start.character + idx + 1 + parts.tag.length },
      };
  }
  return { raw, range, resolved, ...parts, tagRange };
}

/** The image family decides how users are created and which tools are present. */
export type ImageFamily = 'debian' | 'alpine' | 'distroless' | 'scratch' | 'unknown';

export function imageFamily(image: ImageRef | null): ImageFamily {
  if (!image?.resolved) return 'unknown';
  const name = image.name.toLowerCase();
  const tag = (image.tag ?? '').toLowerCase();
  if (name === 'scratch') return 'scratch';
  if (
    name.includes('distroless') ||
    name.startsWith('gcr.io/distroless') ||
    ((image.registry ?? '').includes('gcr.io') && name.startsWith('distroless'))
  )
    return 'distroless';
  if (name === 'alpine' || name.endsWith('/alpine') || tag.includes('alpine')) return 'alpine';
  if (
    ['debian', 'ubuntu'].includes(name) ||
    /(^|-)(slim|bookworm|bullseye|buster|trixie|jammy|noble|focal)(-|$)/.test(tag) ||
    OFFICIAL_DEBIAN.has(name)
  )
    return 'debian';
  return 'unknown';
}

/** Official images whose default variants are Debian-based. */
const OFFICIAL_DEBIAN = new Set([
  'python', 'node', 'golang', 'ruby', 'php', 'openjdk', 'eclipse-temurin', 'rust', 'perl', 'buildpack-deps',
  'nginx', 'httpd', 'postgres', 'redis', 'maven', 'gradle', 'elixir', 'erlang', 'haskell', 'julia', 'r-base',
]); // prettier-ignore
