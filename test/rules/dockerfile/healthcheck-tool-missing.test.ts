import rule from '../../../server/src/rules/dockerfile/healthcheck-tool-missing';
import { testRule } from '../../helpers/rule-tester';

const APT_CURL =
  'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*';

testRule(rule, {
  valid: [
    {
      name: 'the full python image ships curl',
      code: 'FROM python:3.12\nHEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1',
    },
    {
      name: 'a slim image that installs curl',
      code: `FROM python:3.11-slim\n${APT_CURL}\nHEALTHCHECK --interval=30s CMD curl -fsS http://localhost:8080/health || exit 1`,
    },
    {
      name: 'Alpine has the BusyBox wget',
      code: 'FROM node:20-alpine\nHEALTHCHECK CMD wget -qO- http://localhost:3000/health || exit 1',
    },
    {
      name: 'an unknown base image',
      code: 'FROM example.com/platform/base:1.2\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1',
    },
    {
      name: 'curl installed in the parent stage',
      code:
        'FROM python:3.12-slim AS base\nRUN apt-get update && apt-get install -y curl\n' +
        'FROM base\nHEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1',
    },
    {
      name: 'curl copied in from another image',
      code:
        'FROM debian:bookworm-slim\nCOPY --from=curlimages/curl:8.8.0 /usr/bin/curl /usr/bin/curl\n' +
        'HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]',
    },
    {
      name: 'packages named by a variable',
      code:
        'FROM debian:bookworm-slim\nARG EXTRA_PACKAGES\nRUN apt-get update && apt-get install -y $EXTRA_PACKAGES\n' +
        'HEALTHCHECK CMD curl -f http://localhost/ || exit 1',
    },
    {
      name: 'curl used by a RUN, so it is there',
      code: 'FROM debian:bookworm\nRUN ./install-tools.sh && curl --version\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1',
    },
    {
      name: 'a stage used only as a COPY --from source is not an image anyone runs',
      code:
        'FROM python:3.12-slim AS build\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n' +
        'RUN pip wheel -w /wheels .\nFROM python:3.12\nCOPY --from=build /wheels /wheels',
    },
    {
      name: 'the parent stage lacks curl but the image built from it installs it',
      code:
        'FROM python:3.12-slim AS base\nHEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1\n' +
        'FROM base\nRUN apt-get update && apt-get install -y --no-install-recommends curl',
    },
    {
      name: 'php images ship curl',
      code: 'FROM php:8.3-apache\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1',
    },
    {
      name: 'HEALTHCHECK NONE in the final stage',
      code: 'FROM python:3.12-slim AS base\nHEALTHCHECK CMD curl -f http://localhost/\nFROM base\nHEALTHCHECK NONE',
    },
    {
      name: 'curl with a wget fallback on Alpine',
      code: 'FROM alpine:3.20\nHEALTHCHECK CMD curl -f http://localhost/ || wget -qO- http://localhost/ || exit 1',
    },
    {
      name: 'an image name from an unknown ARG',
      code: 'ARG BASE\nFROM ${BASE}\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1',
    },
  ],
  invalid: [
    {
      name: 'added to the install the stage already runs',
      code: `
FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*
EXPOSE 8000
HEALTHCHECK --interval=30s CMD curl -fsS http://localhost:8000/health || exit 1
                               ~~~~`,
      messageIds: ['missing'],
      output:
        'FROM python:3.12-slim\n' +
        'RUN apt-get update && apt-get install -y --no-install-recommends libpq5 curl && rm -rf /var/lib/apt/lists/*\n' +
        'EXPOSE 8000\nHEALTHCHECK --interval=30s CMD curl -fsS http://localhost:8000/health || exit 1',
    },
    {
      name: 'a new install before the HEALTHCHECK and the comment above it',
      code: `
FROM python:3.12-slim
WORKDIR /app
# liveness
HEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1
                ~~~~
CMD ["gunicorn", "-b", ":8000", "app:app"]`,
      output: `FROM python:3.12-slim\nWORKDIR /app\n${APT_CURL}\n# liveness\nHEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1\nCMD ["gunicorn", "-b", ":8000", "app:app"]`,
    },
    {
      name: 'the install goes before the stage drops root',
      code: `
FROM node:20-slim
WORKDIR /app
COPY server.js .
USER node
HEALTHCHECK CMD curl -f http://localhost:3000/health || exit 1
                ~~~~
CMD ["node", "server.js"]`,
      output: `FROM node:20-slim\nWORKDIR /app\nCOPY server.js .\n${APT_CURL}\nUSER node\nHEALTHCHECK CMD curl -f http://localhost:3000/health || exit 1\nCMD ["node", "server.js"]`,
    },
    {
      name: 'on Alpine, curl -f becomes the BusyBox wget',
      code: `
FROM node:20-alpine
HEALTHCHECK CMD curl -fsS http://localhost:3000/health || exit 1
                ~~~~`,
      output: 'FROM node:20-alpine\nHEALTHCHECK CMD wget -qO- http://localhost:3000/health || exit 1',
    },
    {
      name: 'on Alpine, installing curl is the other fix',
      code: `
FROM node:20-alpine
HEALTHCHECK CMD curl -fsS http://localhost:3000/health || exit 1
                ~~~~`,
      fixTitle: 'Install curl',
      output:
        'FROM node:20-alpine\nRUN apk add --no-cache curl\nHEALTHCHECK CMD curl -fsS http://localhost:3000/health || exit 1',
    },
    {
      name: 'curl without -f is not rewritten (wget would fail where curl passed); apk add gets curl',
      code: `
FROM python:3.12-alpine
RUN apk add --no-cache tini
HEALTHCHECK CMD curl http://localhost:8000/ || exit 1
                ~~~~`,
      output:
        'FROM python:3.12-alpine\nRUN apk add --no-cache tini curl\nHEALTHCHECK CMD curl http://localhost:8000/ || exit 1',
    },
    {
      name: 'exec form on Alpine',
      code: `
FROM alpine:3.20
HEALTHCHECK CMD ["curl", "-f", "http://localhost:8080/health"]
                 ~~~~~~`,
      output: 'FROM alpine:3.20\nHEALTHCHECK CMD ["wget", "-qO-", "http://localhost:8080/health"]',
    },
    {
      name: 'wget on a slim image',
      code: `
FROM python:3.12-slim
HEALTHCHECK CMD wget -qO- http://localhost:8000/ || exit 1
                ~~~~`,
      output:
        'FROM python:3.12-slim\n' +
        'RUN apt-get update && apt-get install -y --no-install-recommends wget && rm -rf /var/lib/apt/lists/*\n' +
        'HEALTHCHECK CMD wget -qO- http://localhost:8000/ || exit 1',
    },
    {
      name: 'distroless: nothing to install with',
      code: `
FROM gcr.io/distroless/nodejs20-debian12
HEALTHCHECK CMD ["curl", "-f", "http://localhost:3000/"]
                 ~~~~~~`,
      output: null,
    },
    {
      name: 'curl installed, used and purged in one RUN',
      code: `
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y curl && curl -fsSLo /usr/local/bin/app https://example.com/app && apt-get purge -y curl
HEALTHCHECK CMD curl -f http://localhost/ || exit 1
                ~~~~`,
      output:
        'FROM debian:bookworm-slim\n' +
        'RUN apt-get update && apt-get install -y curl && curl -fsSLo /usr/local/bin/app https://example.com/app && apt-get purge -y curl\n' +
        `${APT_CURL}\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1`,
    },
    {
      name: 'inherited by the final stage: the install goes into the stage that declares the check',
      code: `
FROM python:3.12-slim AS base
HEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1
                ~~~~
FROM base
CMD ["gunicorn", "-b", ":8000", "app:app"]`,
      output: `FROM python:3.12-slim AS base\n${APT_CURL}\nHEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1\nFROM base\nCMD ["gunicorn", "-b", ":8000", "app:app"]`,
    },
    {
      name: 'sh -c in exec form',
      code: `
FROM ubuntu:24.04
HEALTHCHECK CMD ["sh", "-c", "curl -f http://localhost/ || exit 1"]
                             ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~`,
      output: `FROM ubuntu:24.04\n${APT_CURL}\nHEALTHCHECK CMD ["sh", "-c", "curl -f http://localhost/ || exit 1"]`,
    },
    {
      name: 'a non-root USER from the parent stage: no install fix',
      code: `
FROM node:20-slim AS base
USER node
FROM base
HEALTHCHECK CMD curl -f http://localhost:3000/ || exit 1
                ~~~~`,
      output: null,
    },
    {
      name: 'CRLF: the rewrite keeps the line endings',
      code: 'FROM golang:1.22-alpine\r\nHEALTHCHECK CMD curl -f http://localhost:8080/healthz || exit 1\r\n',
      ranges: ['1:16-1:20'],
      output:
        'FROM golang:1.22-alpine\r\nHEALTHCHECK CMD wget -qO- http://localhost:8080/healthz || exit 1\r\n',
    },
    {
      name: 'CRLF: a new install line uses CRLF',
      code: 'FROM node:20-slim\r\nHEALTHCHECK CMD curl -f http://localhost:3000/ || exit 1\r\nCMD ["node", "server.js"]\r\n',
      ranges: ['1:16-1:20'],
      output: `FROM node:20-slim\r\n${APT_CURL}\r\nHEALTHCHECK CMD curl -f http://localhost:3000/ || exit 1\r\nCMD ["node", "server.js"]\r\n`,
    },
  ],
});
