import rule from '../../../server/src/rules/dockerfile/copy-before-install';
import { testRule } from '../../helpers/rule-tester';

const PY = ['requirements.txt'];
const NPM = ['package.json', 'package-lock.json'];

testRule(rule, {
  valid: [
    {
      name: 'the manifest is copied and installed first',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt ./\nRUN pip install -r requirements.txt\nCOPY . .',
      files: PY,
    },
    {
      name: 'pip install . needs the source',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir .',
    },
    {
      name: 'pip install -e . needs the source',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -e .',
    },
    {
      name: 'one RUN installs the requirements and the project',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt && pip install --no-deps .',
    },
    {
      name: 'poetry install without --no-root installs the project',
      code: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN poetry install',
    },
    {
      name: 'uv sync installs the project',
      code: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN uv sync --frozen',
    },
    {
      name: 'COPY --from is not a context copy',
      code: 'FROM node:20 AS build\nWORKDIR /app\nFROM node:20-slim\nWORKDIR /app\nCOPY --from=build /app .\nRUN npm ci',
    },
    {
      name: 'the manifests were copied on their own with a glob',
      code: 'FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nCOPY . .\nRUN npm ci',
    },
    {
      name: 'the install is in another stage',
      code: 'FROM node:20-slim AS src\nWORKDIR /app\nCOPY . .\nFROM src\nRUN npm ci',
    },
    {
      name: 'a manifest generated from the source by an earlier RUN',
      code:
        'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN poetry export -f requirements.txt -o requirements.txt\n' +
        'RUN pip install -r requirements.txt',
    },
    {
      name: 'npm install of named packages',
      code: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm install express',
    },
    {
      name: 'a manifest named by an unknown ARG',
      code: 'FROM python:3.12\nARG REQS\nCOPY . .\nRUN pip install -r $REQS',
    },
    {
      name: 'upgrading pip is not a dependency install',
      code: 'FROM python:3.12\nCOPY . .\nRUN pip install --upgrade pip',
    },
  ],
  invalid: [
    {
      name: 'pip -r after COPY . .',
      code: `
FROM python:3.12-slim
WORKDIR /app
COPY . .
     ~~~
RUN pip install --no-cache-dir -r requirements.txt
CMD ["gunicorn", "-b", ":8000", "app:app"]`,
      files: PY,
      messageIds: ['early'],
      output:
        'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt\n' +
        'COPY . .\nCMD ["gunicorn", "-b", ":8000", "app:app"]',
    },
    {
      name: 'a requirements directory is copied whole',
      code: `
FROM python:3.12-slim
WORKDIR /app
COPY . .
     ~~~
RUN python -m pip install -r requirements/production.txt`,
      files: ['requirements'],
      output:
        'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements/ ./requirements/\n' +
        'RUN python -m pip install -r requirements/production.txt\nCOPY . .',
    },
    {
      name: 'npm ci with its lock file and .npmrc; --chown is kept',
      code: `
FROM node:20-slim
WORKDIR /home/node/app
COPY --chown=node:node . .
                       ~~~
RUN npm ci --omit=dev
CMD ["node", "server.js"]`,
      files: [...NPM, '.npmrc'],
      output:
        'FROM node:20-slim\nWORKDIR /home/node/app\nCOPY --chown=node:node package.json package-lock.json .npmrc ./\n' +
        'RUN npm ci --omit=dev\nCOPY --chown=node:node . .\nCMD ["node", "server.js"]',
    },
    {
      name: 'npm install without a lock file',
      code: `
FROM node:20-slim
WORKDIR /app
COPY . .
     ~~~
RUN npm install`,
      files: ['package.json'],
      output: 'FROM node:20-slim\nWORKDIR /app\nCOPY package.json ./\nRUN npm install\nCOPY . .',
    },
    {
      name: 'go mod download into an absolute destination',
      code: `
FROM golang:1.22
WORKDIR /src
COPY . /src
     ~~~~~~
RUN go mod download
RUN go build -o /app .`,
      files: ['go.mod', 'go.sum'],
      output:
        'FROM golang:1.22\nWORKDIR /src\nCOPY go.mod go.sum /src/\nRUN go mod download\nCOPY . /src\nRUN go build -o /app .',
    },
    {
      name: 'the comment moves with the copy and no double blank line is left',
      code: `
FROM ruby:3.3-slim
WORKDIR /app

# application code
COPY . .
     ~~~

RUN bundle install --without development test

CMD ["bundle", "exec", "puma"]`,
      files: ['Gemfile', 'Gemfile.lock'],
      output:
        'FROM ruby:3.3-slim\nWORKDIR /app\n\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install --without development test\n' +
        '# application code\nCOPY . .\n\nCMD ["bundle", "exec", "puma"]',
    },
    {
      name: 'ENV between the copy and the install does not need the source',
      code: `
FROM python:3.12
WORKDIR /app
ADD . .
    ~~~
ENV PIP_NO_CACHE_DIR=1
RUN poetry install --no-root --only main`,
      files: ['pyproject.toml', 'poetry.lock'],
      output:
        'FROM python:3.12\nWORKDIR /app\nENV PIP_NO_CACHE_DIR=1\nCOPY pyproject.toml poetry.lock ./\n' +
        'RUN poetry install --no-root --only main\nADD . .',
    },
    {
      name: 'absolute manifest path without a WORKDIR',
      code: `
FROM python:3.12
COPY . /app
     ~~~~~~
RUN pip install -r /app/requirements.txt`,
      files: PY,
      output:
        'FROM python:3.12\nCOPY requirements.txt /app/\nRUN pip install -r /app/requirements.txt\nCOPY . /app',
    },
    {
      name: 'a RUN in between: reported without a fix',
      code: `
FROM python:3.12
WORKDIR /app
COPY . .
     ~~~
RUN python manage.py collectstatic --noinput
RUN pip install -r requirements.txt`,
      files: PY,
      output: null,
    },
    {
      name: 'the install RUN also builds: reported without a fix',
      code: `
FROM node:20
WORKDIR /app
COPY . .
     ~~~
RUN npm ci && npm run build`,
      files: NPM,
      output: null,
    },
    {
      name: 'composer scripts need the application: no fix',
      code: `
FROM php:8.3-fpm
WORKDIR /var/www
COPY . .
     ~~~
RUN composer install --no-dev`,
      files: ['composer.json', 'composer.lock'],
      output: null,
    },
    {
      name: 'Yarn Berry needs more than the manifests: no fix',
      code: `
FROM node:20
WORKDIR /app
COPY . .
     ~~~
RUN yarn install --immutable`,
      files: ['package.json', 'yarn.lock', '.yarnrc.yml'],
      output: null,
    },
    {
      name: 'relative manifest path and an absolute destination with no WORKDIR: no fix',
      code: `
FROM python:3.12
COPY . /app
     ~~~~~~
RUN pip install -r requirements.txt`,
      files: PY,
      output: null,
    },
    {
      name: 'CRLF line endings are kept',
      code: 'FROM python:3.12-slim\r\nWORKDIR /app\r\nCOPY . .\r\nRUN pip install -r requirements.txt\r\nCMD ["python", "app.py"]\r\n',
      ranges: ['2:5-2:8'],
      files: PY,
      output:
        'FROM python:3.12-slim\r\nWORKDIR /app\r\nCOPY requirements.txt ./\r\nRUN pip install -r requirements.txt\r\n' +
        'COPY . .\r\nCMD ["python", "app.py"]\r\n',
    },
  ],
});
