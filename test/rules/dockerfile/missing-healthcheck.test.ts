import rule from '../../../server/src/rules/dockerfile/missing-healthcheck';
import { testRule } from '../../helpers/rule-tester';

const OPTS = 'HEALTHCHECK --interval=30s --timeout=10s --start-period=40s --retries=3 CMD';
const PY_PROBE = (port: number): string =>
  `python -c "import urllib.request; urllib.request.urlopen('http://localhost:${port}/health', timeout=5)" || exit 1`;
const NODE_PROBE = (port: number): string =>
  `node -e "require('http').get('http://localhost:${port}/health', (r) => process.exit(r.statusCode < 400 ? 0 : 1))` +
  `.on('error', () => process.exit(1))"`;

testRule(rule, {
  valid: [
    {
      name: 'a base image that declares its own HEALTHCHECK',
      code: 'FROM pihole/pihole:2025.11.0\nCOPY custom.list /etc/pihole/custom.list\nEXPOSE 53/tcp 80/tcp',
    },
    {
      name: 'a worker that neither exposes nor serves',
      code: 'FROM python:3.12-slim\nCMD ["celery", "-A", "app", "worker"]',
    },
    { name: 'a plain script', code: 'FROM python:3.12-slim\nCOPY app.py .\nCMD ["python", "app.py"]' },
    {
      name: 'a HEALTHCHECK is set',
      code:
        'FROM python:3.12\nEXPOSE 8000\nHEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1\n' +
        'CMD ["gunicorn", "-b", ":8000", "app:app"]',
    },
    {
      name: 'HEALTHCHECK NONE is a deliberate choice',
      code: 'FROM nginx:1.27\nHEALTHCHECK NONE\nCOPY site /usr/share/nginx/html',
    },
    {
      name: 'the HEALTHCHECK is inherited from the parent stage',
      code:
        'FROM python:3.12 AS base\nHEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1\n' +
        'FROM base\nEXPOSE 8000\nCMD ["uvicorn", "app:app", "--port", "8000"]',
    },
    {
      name: 'EXPOSE in a builder stage does not make the final image a server',
      code:
        'FROM golang:1.22 AS build\nEXPOSE 8080\nRUN go build -o /out/tool .\n' +
        'FROM scratch\nCOPY --from=build /out/tool /tool\nENTRYPOINT ["/tool"]',
    },
    {
      name: 'the serving stage is not the final one',
      code: 'FROM node:20 AS web\nEXPOSE 3000\nCMD ["npm", "start"]\nFROM python:3.12-slim\nCMD ["python", "job.py"]',
    },
    { name: 'UDP only', code: 'FROM alpine:3.20\nEXPOSE 53/udp\nCMD ["dnsmasq", "-k"]' },
    {
      name: 'a node script that is not a server',
      code: 'FROM node:20-slim\nCMD ["node", "scripts/migrate.js"]',
    },
    { name: 'npm test is not a server', code: 'FROM node:20-slim\nCMD ["npm", "test"]' },
    {
      name: 'ENTRYPOINT in the child drops the CMD inherited from the parent',
      code:
        'FROM python:3.12-slim AS base\nCMD ["gunicorn", "-b", ":8000", "app:app"]\n' +
        'FROM base\nENTRYPOINT ["python", "manage.py", "migrate"]',
    },
    {
      name: 'silenced with the hadolint id',
      code: '# API image\n# hadolint ignore=DL3057\nFROM python:3.12-slim\nEXPOSE 8000\nCMD ["uvicorn", "app:app"]',
    },
  ],
  invalid: [
    {
      name: 'uvicorn with curl installed: curl probe on the --port',
      code: `
FROM python:3.11-slim
~~~~~~~~~~~~~~~~~~~~~
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
COPY src ./src
EXPOSE 8080
CMD ["uvicorn", "src.main:app", "--host", "0.0.0.0", "--port", "8080"]`,
      output:
        'FROM python:3.11-slim\nWORKDIR /app\n' +
        'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n' +
        'COPY src ./src\nEXPOSE 8080\n' +
        `${OPTS} curl -fsS http://localhost:8080/health || exit 1\n` +
        'CMD ["uvicorn", "src.main:app", "--host", "0.0.0.0", "--port", "8080"]',
    },
    {
      name: 'gunicorn -b :8000 on a slim image without curl: a Python probe',
      code: `
FROM python:3.12-slim
~~~~~~~~~~~~~~~~~~~~~
CMD ["gunicorn", "-b", ":8000", "config.wsgi"]`,
      output: `FROM python:3.12-slim\n${OPTS} ${PY_PROBE(8000)}\nCMD ["gunicorn", "-b", ":8000", "config.wsgi"]`,
    },
    {
      name: 'npm start on Alpine: busybox wget',
      code: `
FROM node:20-alpine
~~~~~~~~~~~~~~~~~~~
EXPOSE 3000
CMD ["npm", "start"]`,
      output: `FROM node:20-alpine\nEXPOSE 3000\n${OPTS} wget -qO- http://localhost:3000/health || exit 1\nCMD ["npm", "start"]`,
    },
    {
      name: 'node server.js on a slim image: a Node probe',
      code: `
FROM node:20-slim
~~~~~~~~~~~~~~~~~
EXPOSE 3000
CMD ["node", "server.js"]`,
      output: `FROM node:20-slim\nEXPOSE 3000\n${OPTS} ${NODE_PROBE(3000)}\nCMD ["node", "server.js"]`,
    },
    {
      name: 'the port on the command line wins over EXPOSE',
      code: `
FROM node:20
~~~~~~~~~~~~
EXPOSE 3000
CMD ["npx", "next", "start", "-p", "4000"]`,
      output: `FROM node:20\nEXPOSE 3000\n${OPTS} curl -fsS http://localhost:4000/health || exit 1\nCMD ["npx", "next", "start", "-p", "4000"]`,
    },
    {
      name: 'the nginx base image serves on port 80; the HEALTHCHECK goes at the end',
      code: `
FROM node:20-alpine AS build
RUN npm ci && npm run build
FROM nginx:1.27-alpine
~~~~~~~~~~~~~~~~~~~~~~
COPY --from=build /app/dist /usr/share/nginx/html`,
      output:
        'FROM node:20-alpine AS build\nRUN npm ci && npm run build\nFROM nginx:1.27-alpine\n' +
        `COPY --from=build /app/dist /usr/share/nginx/html\n${OPTS} wget -qO- http://localhost:80/ || exit 1`,
    },
    {
      name: 'ENV PORT expanded by the shell form',
      code: `
FROM python:3.12
~~~~~~~~~~~~~~~~
ENV PORT=9000
CMD gunicorn --bind 0.0.0.0:$PORT app:app`,
      output: `FROM python:3.12\nENV PORT=9000\n${OPTS} curl -fsS http://localhost:9000/health || exit 1\nCMD gunicorn --bind 0.0.0.0:$PORT app:app`,
    },
    {
      name: 'a server behind sh -c, after a migration',
      code: `
FROM python:3.12-slim
~~~~~~~~~~~~~~~~~~~~~
CMD ["sh", "-c", "python manage.py migrate && gunicorn -b 0.0.0.0:8000 config.wsgi"]`,
      output: `FROM python:3.12-slim\n${OPTS} ${PY_PROBE(8000)}\nCMD ["sh", "-c", "python manage.py migrate && gunicorn -b 0.0.0.0:8000 config.wsgi"]`,
    },
    {
      name: 'ENTRYPOINT program with its flags in CMD; the comment above stays with the CMD',
      code: `
FROM python:3.12
~~~~~~~~~~~~~~~~
ENTRYPOINT ["gunicorn"]
# serve the app
CMD ["--bind", ":8000", "app:app"]`,
      output: `FROM python:3.12\n${OPTS} curl -fsS http://localhost:8000/health || exit 1\nENTRYPOINT ["gunicorn"]\n# serve the app\nCMD ["--bind", ":8000", "app:app"]`,
    },
    {
      name: 'EXPOSE inherited from the parent stage',
      code: `
FROM node:20 AS base
EXPOSE 3000
FROM base
~~~~~~~~~
CMD ["npm", "run", "start:prod"]`,
      output: `FROM node:20 AS base\nEXPOSE 3000\nFROM base\n${OPTS} curl -fsS http://localhost:3000/health || exit 1\nCMD ["npm", "run", "start:prod"]`,
    },
    {
      name: 'distroless has no client to probe with: no fix',
      code: `
FROM gcr.io/distroless/python3-debian12
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
EXPOSE 8000
CMD ["app.py"]`,
      output: null,
    },
    {
      name: 'no port known: no fix',
      code: `
FROM python:3.12-slim
~~~~~~~~~~~~~~~~~~~~~
CMD ["gunicorn", "app:app"]`,
      output: null,
    },
    {
      name: 'php-fpm speaks FastCGI: no HTTP probe',
      code: `
FROM php:8.3-fpm
~~~~~~~~~~~~~~~~
COPY src/ /var/www/html/`,
      output: null,
    },
    {
      name: 'an unknown base image with EXPOSE: no client known, no fix',
      code: `
FROM example.com/team/runtime:1.4
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
EXPOSE 8080
CMD ["/app/server"]`,
      output: null,
    },
    {
      name: 'CRLF line endings are kept',
      code: 'FROM python:3.12\r\nEXPOSE 8000\r\nCMD ["uvicorn", "app:app", "--port", "8000"]\r\n',
      ranges: ['0:0-0:16'],
      output: `FROM python:3.12\r\nEXPOSE 8000\r\n${OPTS} curl -fsS http://localhost:8000/health || exit 1\r\nCMD ["uvicorn", "app:app", "--port", "8000"]\r\n`,
    },
  ],
});
