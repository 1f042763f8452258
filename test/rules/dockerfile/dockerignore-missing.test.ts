import rule from '../../../server/src/rules/dockerfile/dockerignore-missing';
import { testRule } from '../../helpers/rule-tester';

const HEADER =
  '# Kept out of the build context: VCS data, local secrets, dependencies and caches, logs, Dockerfiles, tests and docs.';
const ALL = [
  '.git',
  '**/node_modules',
  '**/__pycache__',
  '**/*.pyc',
  '.venv',
  '.env',
  '.env.*',
  '**/*.log',
  'Dockerfile*',
  'tests/',
  'docs/',
];
const ignoreFile = (lines: string[], eol = '\n'): string => [HEADER, ...lines].map((l) => l + eol).join('');
const without = (...drop: string[]): string[] => ALL.filter((l) => !drop.includes(l));

testRule(rule, {
  valid: [
    { name: 'a .dockerignore exists', code: 'FROM node:20-slim\nCOPY . .', files: ['.dockerignore'] },
    {
      name: "BuildKit's per-Dockerfile ignore file exists",
      code: 'FROM node:20-slim\nCOPY . /app',
      files: ['Dockerfile.dockerignore'],
    },
    { name: 'named paths only', code: 'FROM node:20-slim\nCOPY package.json ./\nCOPY src ./src' },
    {
      name: 'COPY --from copies from a stage, not the context',
      code: 'FROM node:20 AS build\nWORKDIR /app\nRUN npm init -y\nFROM node:20-slim\nCOPY --from=build /app .',
    },
    { name: 'a sub-directory is not the whole context', code: 'FROM python:3.12-slim\nCOPY ./src /app/src' },
    { name: 'heredoc COPY', code: 'FROM alpine:3.20\nCOPY <<EOF /etc/motd\nhello\nEOF' },
  ],
  invalid: [
    {
      name: 'COPY . . without an ignore file',
      code: `
FROM node:20-slim
WORKDIR /app
COPY . .
     ~
RUN npm ci --omit=dev && rm -rf /tmp/* /root/.npm/_logs/*.log
CMD ["node", "server.js"]`,
      messageIds: ['missing'],
      output:
        'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev && rm -rf /tmp/* /root/.npm/_logs/*.log\n' +
        'CMD ["node", "server.js"]',
      creates: { '.dockerignore': ignoreFile(ALL) },
    },
    {
      name: 'a tests directory copied by name and pytest run: tests/ stays in the context',
      code: `
FROM python:3.12-slim
WORKDIR /app
COPY tests/ /app/tests
ADD ./ /app
    ~~
RUN pytest -q`,
      output: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY tests/ /app/tests\nADD ./ /app\nRUN pytest -q',
      creates: { '.dockerignore': ignoreFile(without('tests/')) },
    },
    {
      name: 'git and mkdocs in RUN keep .git and docs/',
      code: `
FROM python:3.12-slim
COPY . /src
     ~
RUN git -C /src describe --tags > /VERSION && mkdocs build -f /src/mkdocs.yml`,
      output:
        'FROM python:3.12-slim\nCOPY . /src\nRUN git -C /src describe --tags > /VERSION && mkdocs build -f /src/mkdocs.yml',
      creates: { '.dockerignore': ignoreFile(without('.git', 'docs/')) },
    },
    {
      name: 'a .env.example copied by name and a docs file read at run time',
      code: `
FROM node:20-slim
COPY .env.example ./
COPY . .
     ~
CMD ["node", "server.js", "--config", "docs/config.json"]`,
      output:
        'FROM node:20-slim\nCOPY .env.example ./\nCOPY . .\nCMD ["node", "server.js", "--config", "docs/config.json"]',
      creates: { '.dockerignore': ignoreFile(without('.env.*', 'docs/')) },
    },
    {
      name: 'JSON form; only the first whole-context copy is reported',
      code: `
FROM golang:1.22 AS build
COPY [".", "/src"]
      ~~~
FROM alpine:3.20
COPY . /app`,
      output: 'FROM golang:1.22 AS build\nCOPY [".", "/src"]\nFROM alpine:3.20\nCOPY . /app',
      creates: { '.dockerignore': ignoreFile(ALL) },
    },
    {
      name: 'an unrelated sibling file does not count',
      code: `
FROM node:20-slim
COPY . .
     ~`,
      files: ['.gitignore', 'Dockerfile.prod.dockerignore'],
      output: 'FROM node:20-slim\nCOPY . .',
      creates: { '.dockerignore': ignoreFile(ALL) },
    },
    {
      name: 'CRLF: the new file uses the same line endings',
      code: 'FROM node:20-slim\r\nCOPY --chown=node:node . /app\r\n',
      ranges: ['1:23-1:24'],
      output: 'FROM node:20-slim\r\nCOPY --chown=node:node . /app\r\n',
      creates: { '.dockerignore': ignoreFile(ALL, '\r\n') },
    },
  ],
});
