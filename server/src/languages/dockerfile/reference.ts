/**
 * Whether a string is an image reference distribution's `reference.ParseNormalizedNamed` accepts:
 * `[domain[:port]/]path[:tag][@algorithm:hex]`, path components lower-case letters and digits joined by
 * `.`, `_`, `__` or runs of `-`. Written as scans rather than the grammar's nested regular expressions.
 */
export function isValidReference(ref: string): boolean {
  if (ref === '' || ref.length > 4096) return false;
  let rest = ref;
  const at = rest.indexOf('@');
  if (at >= 0) {
    if (!/^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/.test(rest.slice(at + 1))) return false;
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    if (!/^\w[\w.-]{0,127}$/.test(rest.slice(colon + 1))) return false;
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    if (!validDomain(first)) return false;
    parts.shift();
  } else if (parts.length > 1 && /[A-Z]/.test(first)) return false;
  return parts.length > 0 && parts.every(validComponent);
}

function validDomain(d: string): boolean {
  const colon = d.lastIndexOf(':');
  const host = colon >= 0 && !d.endsWith(']') ? d.slice(0, colon) : d;
  if (host !== d && !/^\d+$/.test(d.slice(colon + 1))) return false;
  if (host.startsWith('[')) return /^\[[0-9a-fA-F:.]+\]$/.test(host);
  return host.split('.').every((l) => /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/.test(l));
}

/** One path component: starts and ends with [a-z0-9]; separators `.`, `_`, `__` or `-`+ between. */
function validComponent(c: string): boolean {
  if (!/^[a-z0-9._-]+$/.test(c) || !/^[a-z0-9]/.test(c) || !/[a-z0-9]$/.test(c)) return false;
  for (let i = 0; i < c.length; i++) {
    const ch = c[i] as string;
    if (/[a-z0-9]/.test(ch)) continue;
    let j = i;
    while (j < c.length && !/[a-z0-9]/.test(c[j] as string)) j++;
    const sep = c.slice(i, j);
    if (!(sep === '.' || sep === '_' || sep === '__' || /^-+$/.test(sep))) return false;
    i = j - 1;
  }
  return true;
}
