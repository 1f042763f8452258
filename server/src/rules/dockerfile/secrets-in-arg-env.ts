import { defineRule } from '../../core/rule';
import type { DockerfileModel, DProperty } from '../../languages/dockerfile';

/**
 * BuildKit's SecretsUsedInArgOrEnv word lists: a name is suspicious when one of its `_`-separated words is a
 * secret word, unless one of its words marks it as something else (a public key, a file path, a version).
 */
const SECRET_WORDS = new Set([
  'apikey',
  'auth',
  'credential',
  'credentials',
  'key',
  'password',
  'pword',
  'passwd',
  'secret',
  'token',
]);
const ALLOW_WORDS = new Set(['public', 'file', 'version']);

/**
 * One addition to BuildKit's lists: `GPG_KEY`, `PYTHON_PGP_KEY` and the like hold the fingerprint of a public
 * signing key (the official python image sets `ENV GPG_KEY …`), unless they also say private or secret.
 */
function isPublicKeyId(words: string[]): boolean {
  return (
    words.some((w) => w === 'gpg' || w === 'pgp') &&
    words.every((w) => !SECRET_WORDS.has(w) || w === 'key') &&
    !words.includes('private')
  );
}

function looksLikeSecret(name: string): boolean {
  const words = name.toLowerCase().split('_');
  return (
    words.some((w) => SECRET_WORDS.has(w)) && !words.some((w) => ALLOW_WORDS.has(w)) && !isPublicKeyId(words)
  );
}

/** The value without Dockerfile quotes; only used to tell empty, literal and variable-derived values apart. */
function unquoted(value: string): string {
  return value.replace(/^(["'])(.*)\1$/s, '$2');
}

export default defineRule<DockerfileModel>({
  id: 'dockerfile/secrets-in-arg-env',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  instructionLocal: true,
  aliases: ['buildkit:SecretsUsedInArgOrEnv', 'hadolint:DL3064'],
  fix: null,
  messages: {
    literal:
      '{keyword} {name} hard-codes what looks like a secret, which stays readable in the Dockerfile and in the image: pass it with RUN --mount=type=secret instead.',
    argNoValue:
      'ARG {name} looks like a secret: build arguments are recorded in the image history, so pass it with RUN --mount=type=secret instead.',
    envFromVariable:
      'ENV {name} copies what looks like a secret into the image configuration, where anyone who pulls the image can read it: use RUN --mount=type=secret for the step that needs it.',
  },
  docs: {
    summary: 'Do not put secrets in ARG or ENV; use secret mounts.',
    rationale:
      'ENV values are stored in the image configuration and ARG values used by RUN are recorded in the image ' +
      'history: anyone who can pull the image can read them with `docker history` or `docker inspect`. Secrets ' +
      'belong in `RUN --mount=type=secret`, which exposes them to one step without storing them. Names are matched ' +
      "with BuildKit's SecretsUsedInArgOrEnv word list (a `_`-separated word among apikey, auth, credential(s), key, " +
      'password, pword, passwd, secret, token), with its exclusions (public, file, version), and additionally ' +
      'ignoring public signing-key fingerprints such as `GPG_KEY`. A name with a literal value is reported as a ' +
      'hard-coded secret; an ARG without a default is reported with a hint to use a secret mount; an ENV that copies ' +
      'a variable into the image is reported because it persists the value. The rule stays quiet for ARGs whose ' +
      'default is another variable, for ENVs set to an empty value (which clears a variable), and for ARGs declared ' +
      'before the first FROM without a value (they only reach FROM lines, and a stage that redeclares them is ' +
      'checked there).',
    bad: 'FROM node:20-slim\nARG NPM_TOKEN\nENV API_KEY=sk-live-1234\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci\n',
    good:
      'FROM node:20-slim\nRUN --mount=type=secret,id=npm_token \\\n' +
      '    echo "//registry.npmjs.org/:_authToken=$(cat /run/secrets/npm_token)" > .npmrc && npm ci && rm .npmrc\n',
  },
  check(ctx) {
    const { model } = ctx;
    const report = (keyword: string, p: DProperty, messageId: string): void =>
      ctx.report({
        at: p.nameRange,
        messageId,
        data: { keyword, name: p.name },
        // An ARG without a value only risks a secret being passed in later: a hint of lower weight.
        severity: messageId === 'argNoValue' ? 'info' : undefined,
      });
    for (const ins of model.instructions) {
      if (ins.keyword !== 'ARG' && ins.keyword !== 'ENV') continue;
      const global = ins.stage < 0;
      for (const p of ins.properties) {
        if (!looksLikeSecret(p.name)) continue;
        const value = p.value === null ? null : unquoted(p.value);
        if (ins.keyword === 'ARG') {
          if (value === null || value === '') {
            if (!global) report('ARG', p, 'argNoValue');
          } else if (!value.includes('$')) report('ARG', p, 'literal');
        } else if (value) report('ENV', p, value.includes('$') ? 'envFromVariable' : 'literal');
      }
    }
  },
});
