/**
 * The value kinds of hadolint's `label-schema` and how a label value is judged against one. Each check
 * is a linear regular expression or a parse, so a long label value costs linear time.
 */

export const LABEL_KINDS = ['text', 'url', 'rfc3339', 'semver', 'hash', 'spdx', 'email'] as const;

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
// semver.org's grammar, without the ambiguous nesting: numbers without leading zeros, dotted identifiers.
const SEMVER =
  /^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
const HASH = /^(?:[0-9a-f]{7}|[0-9a-f]{40})$/;
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]+$/;
const SPDX_ID = /^(?:LicenseRef-|DocumentRef-[A-Za-z0-9.-]+:LicenseRef-)?[A-Za-z0-9][A-Za-z0-9.-]*\+?$/;

/** An SPDX license expression by its form: ids joined by AND, OR and WITH, with balanced parentheses. */
function spdxExpression(value: string): boolean {
  const tokens = value
    .replace(/([()])/g, ' $1 ')
    .trim()
    .split(/\s+/);
  let depth = 0;
  let wantId = true;
  for (const t of tokens) {
    if (t === '(') {
      if (!wantId) return false;
      depth++;
    } else if (t === ')') {
      if (wantId || --depth < 0) return false;
    } else if (t === 'AND' || t === 'OR' || t === 'WITH') {
      if (wantId) return false;
      wantId = true;
    } else {
      if (!wantId || !SPDX_ID.test(t)) return false;
      wantId = false;
    }
  }
  return depth === 0 && !wantId;
}

function url(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol.length > 1;
  } catch {
    return false;
  }
}

/** What the value should be when it is not of its kind ("a URL"), or null when it is (or the kind is unknown). */
export function labelValueProblem(kind: string, value: string): string | null {
  switch (kind) {
    case 'url':
      return url(value) ? null : 'a URL';
    case 'rfc3339':
      return RFC3339.test(value) ? null : 'an RFC 3339 time (2024-05-01T12:00:00Z)';
    case 'semver':
      return SEMVER.test(value) ? null : 'a semantic version (1.4.2)';
    case 'hash':
      return HASH.test(value) ? null : 'a git commit hash (7 or 40 hex digits)';
    case 'spdx':
      return spdxExpression(value) ? null : 'an SPDX license expression (MIT, Apache-2.0 OR MIT)';
    case 'email':
      return EMAIL.test(value) ? null : 'an email address';
    default:
      return null;
  }
}
