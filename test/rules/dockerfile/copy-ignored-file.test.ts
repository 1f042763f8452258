import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../server/src/core/analyze';
import { defaultConfig } from '../../../server/src/core/config';
import { dockerfileSuppressions, parseDockerfile } from '../../../server/src/languages/dockerfile';
import rule from '../../../server/src/rules/dockerfile/copy-ignored-file';
import { fmtRange, parseMarked } from '../../helpers/rule-tester';

/**
 * The rule reads the ignore file's text, which the shared tester's hosts do not hold: each case gives the
 * files beside the Dockerfile with their text, and the findings' ranges (marked under the code) and files.
 */
interface Case {
  name: string;
  code: string;
  files: Record<string, string>;
  /** The ignored file each finding names, in range order. */
  reported?: string[];
}

function findings(c: Case): { range: string; message: string }[] {
  const { text } = parseMarked(c.code);
  const model = parseDockerfile(text);
  const host = {
    fileName: 'Dockerfile',
    exists: (p: string) => p in c.files,
    read: (p: string) => c.files[p],
  };
  const r = analyze({
    model,
    rules: [rule],
    suppressions: dockerfileSuppressions(model),
    config: defaultConfig(),
    host,
  });
  return r.findings.map((f) => ({ range: fmtRange(f.range), message: f.message }));
}

const valid: Case[] = [
  { name: 'no ignore file', code: 'FROM alpine\nCOPY .env /app/', files: {} },
  {
    name: 'not ignored',
    code: 'FROM alpine\nCOPY src /app/src',
    files: { '.dockerignore': '.env\nnode_modules\n' },
  },
  {
    name: 'an exception makes BuildKit (and the rule) stop judging',
    code: 'FROM alpine\nCOPY .env /app/',
    files: { '.dockerignore': '.env\n!.env.example\n' },
  },
  {
    name: 'copies from a stage',
    code: 'FROM alpine\nCOPY --from=build .env /app/',
    files: { '.dockerignore': '.env' },
  },
  {
    name: 'ADD of a URL',
    code: 'FROM alpine\nADD https://x.test/.env /app/',
    files: { '.dockerignore': '**/.env' },
  },
  {
    name: 'sources with variables',
    code: 'FROM alpine\nARG F=.env\nCOPY $F /app/',
    files: { '.dockerignore': '.env' },
  },
  {
    name: 'the context root when only some entries are ignored',
    code: 'FROM alpine\nCOPY . /app',
    files: { '.dockerignore': '.git' },
  },
  {
    name: 'Dockerfile.dockerignore takes precedence over .dockerignore',
    code: 'FROM alpine\nCOPY .env /app/',
    files: { 'Dockerfile.dockerignore': 'tmp', '.dockerignore': '.env' },
  },
  {
    name: 'comments and blank lines',
    code: 'FROM alpine\nCOPY .env /app/',
    files: { '.dockerignore': '# .env\n\n' },
  },
  {
    name: 'character classes are not judged',
    code: 'FROM alpine\nCOPY a.txt /app/',
    files: { '.dockerignore': '[a-z].txt' },
  },
  {
    name: 'a star stops at a slash',
    code: 'FROM alpine\nCOPY src/a.log /app/',
    files: { '.dockerignore': '*.log' },
  },
];

const invalid: Case[] = [
  {
    name: 'a file named in .dockerignore',
    code: `
FROM alpine
COPY .env package.json /app/
     ~~~~`,
    files: { '.dockerignore': '.env\n' },
    reported: ['.env'],
  },
  {
    name: 'a file under an ignored directory, ADD, JSON form',
    code: `
FROM alpine
ADD ["node_modules/x/index.js", "/app/"]
     ~~~~~~~~~~~~~~~~~~~~~~~~~`,
    files: { '.dockerignore': '/node_modules/\n' },
    reported: ['node_modules/x/index.js'],
  },
  {
    name: '** matches any depth, ./ is cleaned',
    code: `
FROM alpine
COPY ./config/dev/secrets.env /app/
     ~~~~~~~~~~~~~~~~~~~~~~~~
COPY docs/a.md /app/
     ~~~~~~~~~`,
    files: { '.dockerignore': '**/*.env\ndocs/**\n' },
    reported: ['config/dev/secrets.env', 'docs/a.md'],
  },
  {
    name: 'the per-Dockerfile ignore file',
    code: `
FROM alpine
COPY tmp /app/
     ~~~`,
    files: { 'Dockerfile.dockerignore': 'tmp' },
    reported: ['tmp'],
  },
  {
    name: 'the context root when everything is ignored',
    code: `
FROM alpine
COPY . /app
     ~`,
    files: { '.dockerignore': '*\n' },
    reported: ['.'],
  },
  {
    name: 'CRLF ignore file and Dockerfile',
    code: 'FROM alpine\r\nCOPY a.log /app/\r\n',
    files: { '.dockerignore': '*.log\r\n' },
    reported: ['a.log'],
  },
];

describe('dockerfile/copy-ignored-file', () => {
  for (const c of valid) it(`valid: ${c.name}`, () => assert.deepEqual(findings(c), []));
  for (const c of invalid)
    it(`invalid: ${c.name}`, () => {
      const { ranges } = parseMarked(c.code);
      const found = findings(c);
      if (ranges.length > 0)
        assert.deepEqual(
          found.map((f) => f.range),
          ranges.map(fmtRange),
        );
      assert.deepEqual(
        found.map((f) => /file "([^"]*)"/.exec(f.message)?.[1]),
        c.reported,
      );
    });
});
