/** What makes a literal value (an env value, a ConfigMap entry) a credential. */

/** Words that make an environment variable's value a credential. */
const SECRET_WORD =
  /(^|_)(PASSWORD|PASSWD|PASSPHRASE|PWD|SECRET|SECRETS|TOKEN|APIKEY|API_KEY|ACCESS_KEY|PRIVATE_KEY|SECRET_KEY|CLIENT_SECRET|CREDENTIALS?|AUTH_TOKEN|SIGNING_KEY|ENCRYPTION_KEY|DSN)($|_)/i;
/** A last word that makes the variable about a credential rather than the credential itself. */
const NOT_A_SECRET =
  /_(FILE|PATH|DIR|NAME|NAMES|URL|URI|ENDPOINT|HOST|PORT|TTL|TIMEOUT|EXPIRY|EXPIRES|EXPIRATION|LIFETIME|SECONDS|MINUTES|HOURS|DAYS|HEADER|FIELD|PARAM|ENABLED|DISABLED|ENABLE|DISABLE|REQUIRED|MODE|TYPE|ID|VERSION|ALGORITHM|ALG|ISSUER|AUDIENCE|COUNT|RETRIES|LIMIT|SIZE|LENGTH|MIN_LENGTH|PREFIX|LOCATION|REF|ARN|REGION|KEY_ID|CLUSTER_TOKEN)$/i;
/** Credentials inside a connection URL: `scheme://user:password@host`. */
const URL_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i;

/**
 * Values that are credentials whatever the variable is called: a PEM private key block, cloud and
 * service tokens with a fixed prefix and length.
 */
const SECRET_VALUE =
  /-----BEGIN [A-Z ]{0,20}PRIVATE KEY-----|^(AKIA|ASIA)[0-9A-Z]{16}$|^gh[pousr]_[A-Za-z0-9]{36}$|^github_pat_[A-Za-z0-9_]{80,}$|^xox[abprs]-[A-Za-z0-9-]{10,}$|^AIza[0-9A-Za-z_-]{35}$|^sk_live_[0-9A-Za-z]{24,}$/;
/** Stand-ins written where the real value goes later: not credentials. */
const PLACEHOLDER =
  /^(\$\{[^}]*\}|\{\{.*\}\}|<[^>]*>|changeme|change-me|replaceme|replace_me|todo|xxx+|\*+|redacted|secret|password)$/i;

/** Polaris' sensitiveContainerEnvVar and sensitiveConfigmapContent flag these names. */
export const POLARIS_NAME =
  /^AWS_SECRET_ACCESS_KEY$|^GOOGLE_APPLICATION_CREDENTIALS$|^AZURE_.+KEY$|^OCI_CLI_KEY_CONTENT$|password|token|bearer|secret/i;

export function looksSecret(name: string, value: string): 'name' | 'url' | 'value' | null {
  if (URL_CREDENTIALS.test(value)) return 'url';
  if (SECRET_VALUE.test(value)) return 'value';
  if (PLACEHOLDER.test(value.trim())) return null;
  if (!SECRET_WORD.test(name) || NOT_A_SECRET.test(name)) return null;
  // Flags, small numbers and references to other variables are not credentials.
  if (/^(true|false|yes|no|on|off|\d{1,6})$/i.test(value) || /^\$\([A-Za-z_][A-Za-z0-9_]*\)$/.test(value))
    return null;
  return 'name';
}
