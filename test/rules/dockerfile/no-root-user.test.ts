import rule from '../../../server/src/rules/dockerfile/no-root-user';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'non-root USER in the final stage', code: 'FROM python:3.12-slim\nUSER app\nCMD ["app"]' },
    {
      name: 'builder stages may run as root',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /app\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=build /app /app\nCMD ["/app"]',
    },
    {
      name: 'Windows images are out of scope',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ["cmd"]',
    },
    {
      name: 'distroless nonroot base',
      code: 'FROM gcr.io/distroless/python3-debian12:nonroot\nCMD ["app.py"]',
    },
    {
      name: 'unprivileged nginx base',
      code: 'FROM nginxinc/nginx-unprivileged:1.27-alpine\nCOPY dist /usr/share/nginx/html',
    },
    {
      name: 'a USER inherited from an earlier stage',
      code: 'FROM node:20-slim AS base\nUSER node\nFROM base\nCMD ["node", "server.js"]',
    },
    { name: 'an image whose name is not known statically', code: 'ARG BASE\nFROM ${BASE}\nCMD ["app"]' },
    {
      name: 'USER from an ARG with a non-root default',
      code: 'FROM alpine:3.20\nARG UID=1001\nUSER ${UID}\nCMD ["app"]',
    },
    {
      name: 'root earlier, non-root last',
      code: 'FROM alpine:3.20\nUSER root\nRUN apk add --no-cache curl\nUSER 1001\nCMD ["app"]',
    },
  ],
  invalid: [
    {
      name: 'Debian base gets groupadd/useradd and the WORKDIR',
      code: `
FROM python:3.12-slim
     ~~~~~~~~~~~~~~~~
WORKDIR /app
COPY . .
EXPOSE 8000
CMD ["gunicorn", "app:app"]`,
      messageIds: ['noUser'],
      output:
        'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n' +
        'RUN groupadd --system --gid 1001 app && useradd --system --uid 1001 --gid app --create-home app && chown -R app:app /app\n' +
        'USER app\nEXPOSE 8000\nCMD ["gunicorn", "app:app"]',
    },
    {
      name: 'Alpine base gets addgroup/adduser',
      code: `
FROM alpine:3.20
     ~~~~~~~~~~~
RUN apk add --no-cache tini
ENTRYPOINT ["tini", "--"]`,
      output:
        'FROM alpine:3.20\nRUN apk add --no-cache tini\nRUN addgroup -S -g 1001 app && adduser -S -u 1001 -G app app\nUSER app\nENTRYPOINT ["tini", "--"]',
    },
    {
      name: 'node images ship a node user',
      code: `
ARG NODE_VERSION=20
FROM node:\${NODE_VERSION}-slim
     ~~~~~~~~~~~~~~~~~~~~~~~~~
WORKDIR /srv
COPY . .
CMD ["node", "server.js"]`,
      output:
        'ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}-slim\nWORKDIR /srv\nCOPY . .\nRUN chown -R node:node /srv\nUSER node\nCMD ["node", "server.js"]',
    },
    {
      name: 'explicit root as the last USER',
      code: `
FROM ubuntu:24.04
USER 0:0
     ~~~
CMD ["bash"]`,
      messageIds: ['rootUser'],
      output:
        'FROM ubuntu:24.04\nUSER 0:0\nRUN groupadd --system --gid 1001 app && useradd --system --uid 1001 --gid app --create-home app\nUSER app\nCMD ["bash"]',
    },
    {
      name: 'root resolved through an ARG',
      code: `
FROM debian:12-slim
ARG RUN_AS=root
USER $RUN_AS
     ~~~~~~~`,
      messageIds: ['rootUser'],
    },
    {
      name: 'unknown distribution gets a numeric user; CRLF kept',
      code: 'FROM mycorp/base:1.4\r\nCOPY app /app\r\nCMD ["/app"]',
      ranges: ['0:5-0:20'],
      output: 'FROM mycorp/base:1.4\r\nCOPY app /app\r\nUSER 1001:1001\r\nCMD ["/app"]',
    },
    {
      name: 'seed 000 current Dockerfile',
      code: `
FROM python:3.11-slim
     ~~~~~~~~~~~~~~~~
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY src ./src
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD curl -fsS http://localhost:8080/health || exit 1
CMD ["uvicorn", "src.publishing.main:app", "--host", "0.0.0.0", "--port", "8080"]`,
    },
  ],
});
