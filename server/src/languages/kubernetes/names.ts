/**
 * The name formats the API server enforces (k8s.io/apimachinery/pkg/util/validation and
 * pkg/apis/core/validation), as predicates that return the reason a value is rejected, or undefined.
 * Every pattern is linear: no nested quantifiers, no overlapping alternatives.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** A DNS-1123 label: at most 63 lowercase letters, digits and '-', starting and ending alphanumeric. */
export function dns1123Label(s: string): string | undefined {
  if (s.length > 63) return 'must be no more than 63 characters';
  if (!DNS1123_LABEL.test(s))
    return "must consist of lowercase letters, digits and '-', and start and end with a letter or digit";
  return undefined;
}

/** A DNS-1035 label (Service names): a DNS-1123 label that starts with a letter. */
export function dns1035Label(s: string): string | undefined {
  if (s.length > 63) return 'must be no more than 63 characters';
  if (!DNS1035_LABEL.test(s))
    return "must consist of lowercase letters, digits and '-', start with a letter and end with a letter or digit";
  return undefined;
}

/** A DNS-1123 subdomain: at most 253 characters, dot-separated DNS-1123 labels. */
export function dns1123Subdomain(s: string): string | undefined {
  if (s.length > 253) return 'must be no more than 253 characters';
  if (s.split('.').some((part) => part.length === 0 || !DNS1123_LABEL.test(part)))
    return "must consist of lowercase letters, digits, '-' and '.', and start and end with a letter or digit";
  return undefined;
}

/** IANA_SVC_NAME (container port names, named target ports): RFC 6335 as the API server checks it. */
export function portName(s: string): string | undefined {
  if (s.length > 15) return 'must be no more than 15 characters';
  if (!/^[-a-z0-9]+$/.test(s)) return "must contain only lowercase letters, digits and '-'";
  if (!/[a-z]/.test(s)) return 'must contain at least one letter';
  if (s.includes('--')) return "must not contain '--'";
  if (s.startsWith('-') || s.endsWith('-')) return "must not begin or end with '-'";
  return undefined;
}

export function portNumber(n: number): string | undefined {
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? undefined : 'must be between 1 and 65535';
}

/** A label or annotation key: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63. */
export function qualifiedName(s: string): string | undefined {
  const slash = s.indexOf('/');
  const name = slash < 0 ? s : s.slice(slash + 1);
  if (slash >= 0) {
    const prefix = s.slice(0, slash);
    if (prefix.length === 0) return 'has an empty prefix before /';
    const bad = dns1123Subdomain(prefix);
    if (bad) return `has a prefix that ${bad}`;
    if (name.includes('/')) return "must contain at most one '/'";
  }
  if (name.length === 0) return 'must have a name';
  if (name.length > 63) return 'must have a name of no more than 63 characters';
  if (!QUALIFIED_NAME.test(name))
    return "must have a name of letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
  return undefined;
}

/** A label value: empty, or at most 63 letters, digits, '-', '_' and '.', starting and ending alphanumeric. */
export function labelValue(s: string): string | undefined {
  if (s.length > 63) return 'must be no more than 63 characters';
  if (s.length > 0 && !QUALIFIED_NAME.test(s))
    return "must consist of letters, digits, '-', '_' and '.', and start and end with a letter or digit";
  return undefined;
}

/**
 * Text a tool fills in before `kubectl apply` sees the file (envsubst `${VAR}`, Helm or Go templates,
 * Spinnaker or Azure pipelines `#{…}#`, `__TOKEN__`, `<your-name>`): not the final value, so not judged.
 */
export function isPlaceholder(s: string): boolean {
  return /[$%{}<>]|\(\(|__/.test(s);
}
