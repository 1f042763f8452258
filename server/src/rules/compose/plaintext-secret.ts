import { defineRule } from '../../core/rule';
import type { Range } from '../../core/text';
import { environmentOf, hasVariables, type ComposeModel, type EnvVar } from '../../languages/compose';
import { yamlString } from '../../fixes/compose';
import { deref, isSeq, type Node } from '../../languages/yaml/model';

/** Names that hold secrets: `POSTGRES_PASSWORD`, `API_TOKEN`, `DJANGO_SECRET_KEY`, `STRIPE_KEY`. */
const SECRET_NAME =
  /(^|_)(PASSWORD|PASSWD|PASS|PWD|SECRET|TOKEN|APIKEY|API_KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS?)(_|$)|_KEY$|^KEY$/i;
/** Names about a secret rather than holding one: files, lengths, lifetimes, switches, user names. */
const NOT_SECRET =
  /_(FILE|PATH|DIR|ID|URL|URI|HOST|PORT|USER|USERNAME|NAME|LENGTH|LEN|EXPIRY|EXPIRES|EXPIRATION|TTL|TIMEOUT|LIFETIME|ENABLED|REQUIRED|HEADER|ALGORITHM|TYPE|METHOD|POLICY|MIN|MAX|COUNT|PREFIX|HASH|SCOPE|SCOPES|ISSUER|AUDIENCE|MODE|PROVIDER|BACKEND|VERSION)$|ALLOW_EMPTY|RANDOM_ROOT|AUTH_METHOD|^(SSH_AUTH_SOCK|GPG_KEY)$/i;
/** A name that ends in the secret itself: only these are taken to hold a number as a secret (a PIN). */
const ENDS_IN_SECRET = /(PASSWORD|PASSWD|PASS|PWD|SECRET|TOKEN|KEY)$/i;
/** Values that are switches or numbers, not secrets (`MYSQL_RANDOM_ROOT_PASSWORD=yes`). */
const NOT_A_SECRET_VALUE = /^(true|false|yes|no|on|off|y|n|0|1|null|none|changeme-not-used)$/i;
/** `scheme://user:password@host`: the password part. */
const URL_CREDENTIALS = /^([a-z][a-z0-9+.-]*:\/\/[^:@/\s]*:)([^@/\s]+)@/i;

export default defineRule<ComposeModel>({
  id: 'compose/plaintext-secret',
  language: 'compose',
  severity: 'warning',
  recommended: true,
  aliases: ['kics:passwords_and_secrets'],
  fix: 'unsafe',
  messages: {
    named:
      '`{name}` holds a secret in plain text: it ends up in Git, in `docker inspect` and in CI logs. Read it from the environment instead.',
    url: 'The URL in `{name}` carries a password in plain text: it ends up in Git, in `docker inspect` and in CI logs. Read it from the environment instead.',
  },
  docs: {
    summary:
      'Passwords, tokens and keys should not be written in `environment:`; interpolate them from `.env` or the shell.',
    rationale:
      'A secret in the Compose file is in every clone of the repository, in `docker inspect` and in the output of ' +
      '`docker compose config`. Interpolation (`${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}`) keeps the value in ' +
      'an untracked `.env` or the CI environment and makes Compose stop with a clear message when it is missing. ' +
      'Reported: variables named like secrets (`*PASSWORD*`, `*SECRET*`, `*TOKEN*`, `*_KEY`, `API_KEY`) with a ' +
      'literal value, and passwords inside URLs (`postgres://user:pass@db/app`). Not reported: interpolated ' +
      'values (`${DB_PASSWORD}`), bare names passed through from the shell, empty values, paths to key files ' +
      '(`JWT_SECRET_KEY=/keys/private.pem`), switches ' +
      '(`MYSQL_RANDOM_ROOT_PASSWORD=yes`), numbers unless the name ends in the secret (`TOKEN_EXPIRE_MINUTES=30` ' +
      'is a setting, `RABBITMQ_DEFAULT_PASS=123456` a password), and names about a secret rather than holding one (`*_FILE`, ' +
      '`*_LENGTH`, `*_TTL`, `*_USER`, `*_KEY_ID`). The fix swaps the literal for an interpolation (for a URL, only ' +
      'the password part; when another variable of the file holds the same password, its name is used); the ' +
      'value must then be set in `.env` or the shell, so it says it changes behaviour.',
    bad: 'services:\n  db:\n    image: postgres:16\n    environment:\n      - POSTGRES_PASSWORD=postgres\n',
    good: 'services:\n  db:\n    image: postgres:16\n    environment:\n      - POSTGRES_PASSWORD=${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}\n',
  },
  check(ctx) {
    const m = ctx.model;
    const all = m.services.flatMap((s) => environmentOf(m, s));
    // Literal secrets by value, so a URL with the same password reuses the variable's name.
    const byValue = new Map<string, string>();
    for (const e of all)
      if (isLiteralSecret(e) && e.value !== null && !byValue.has(e.value)) byValue.set(e.value, e.name);
    const seen = new Set<unknown>();
    for (const e of all) {
      if (seen.has(e.node) || e.value === null) continue;
      seen.add(e.node);
      if (isLiteralSecret(e)) {
        const interpolation = `\${${e.name}:?set ${e.name}}`;
        const at = e.valueRange ?? range(m, e.node);
        ctx.report({
          at,
          messageId: 'named',
          data: { name: e.name },
          fix: () => {
            const edit = replaceValue(m, e, 0, e.value?.length ?? 0, interpolation);
            return edit
              ? {
                  title: `Read \`${e.name}\` from the environment (changes behaviour: it must be set in .env or the shell)`,
                  edits: [edit],
                }
              : undefined;
          },
        });
        continue;
      }
      const url = URL_CREDENTIALS.exec(e.value);
      if (!url) continue;
      const password = url[2] as string;
      if (hasVariables(password) || password.includes('$')) continue;
      const from = (url[1] as string).length;
      const to = from + password.length;
      const variable =
        byValue.get(password) ??
        `${e.name.replace(/_(URL|URI|DSN|CONNECTION_STRING|CONN|ADDR|ADDRESS)$/i, '')}_PASSWORD`;
      const at = shift(e.valueRange, from, to) ?? range(m, e.node);
      ctx.report({
        at,
        messageId: 'url',
        data: { name: e.name },
        fix: () => {
          const edit = replaceValue(m, e, from, to, `\${${variable}:?set ${variable}}`);
          return edit
            ? {
                title: `Read the password from \`${variable}\` (changes behaviour: it must be set in .env or the shell)`,
                edits: [edit],
              }
            : undefined;
        },
      });
    }
  },
});

function isLiteralSecret(e: EnvVar): boolean {
  if (e.value === null || e.value.trim() === '') return false;
  if (!SECRET_NAME.test(e.name) || NOT_SECRET.test(e.name)) return false;
  if (NOT_A_SECRET_VALUE.test(e.value.trim())) return false;
  // `TOKEN_EXPIRE_MINUTES=30` is a setting; `RABBITMQ_DEFAULT_PASS=123456` is a password.
  if (/^\d+$/.test(e.value.trim()) && !ENDS_IN_SECRET.test(e.name)) return false;
  if (e.value.startsWith('/run/secrets/')) return false;
  // A path to a key file (`JWT_SECRET_KEY=%kernel.project_dir%/config/jwt/private.pem`) names the secret.
  if (/^(?:\/|\.\.?\/|%[\w.]+%\/)[\w./-]*$/.test(e.value.trim())) return false;
  return !hasVariables(e.value);
}

function range(m: ComposeModel, node: Node): Range {
  const r = node.range ?? [0, 0, 0];
  return m.doc.rangeOf(r[0], r[1]);
}

/** Characters `from`–`to` of a value whose range is known (on one line). */
function shift(r: Range | null, from: number, to: number): Range | null {
  if (!r || r.start.line !== r.end.line) return null;
  return {
    start: { line: r.start.line, character: r.start.character + from },
    end: { line: r.start.line, character: r.start.character + to },
  };
}

/**
 * Replaces characters `from`–`to` of an environment value. Where the source spells the value out, only
 * those characters change; otherwise the whole scalar is rewritten, quoted. Flow collections treat `{`
 * and `}` as syntax, so values there are always quoted.
 */
function replaceValue(m: ComposeModel, e: EnvVar, from: number, to: number, text: string) {
  const value = e.value ?? '';
  const node = e.node;
  if (!node.range) return undefined;
  const inFlow = isFlowParent(m, e);
  const exact = shift(e.valueRange, from, to);
  if (exact && !inFlow) return { range: exact, newText: text };
  const next = value.slice(0, from) + text + value.slice(to);
  const scalar = e.list ? `${e.name}=${next}` : next;
  return { range: range(m, node), newText: inFlow ? JSON.stringify(scalar) : yamlString(scalar) };
}

function isFlowParent(m: ComposeModel, e: EnvVar): boolean {
  for (const s of m.services) {
    const env = deref(s.get('environment')?.value ?? null);
    if (!env) continue;
    const holds = isSeq(env)
      ? env.items.includes(e.node)
      : 'items' in env &&
        (env as { items: { value: unknown; key: unknown }[] }).items.some((p) => p.value === e.node);
    if (holds) return !!(env as { flow?: boolean }).flow;
  }
  return false;
}
