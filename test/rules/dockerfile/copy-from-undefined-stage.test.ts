import rule from '../../../server/src/rules/dockerfile/copy-from-undefined-stage';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM golang:1.22 AS builder\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=builder /app /app',
    { name: 'earlier stage by index', code: 'FROM golang:1.22\nFROM alpine:3.20\nCOPY --from=0 /app /app' },
    {
      name: 'names compare case-insensitively',
      code: 'FROM golang:1.22 AS Builder\nFROM alpine:3.20\nCOPY --from=BUILDER /app /app',
    },
    {
      name: 'image with a tag',
      code: 'FROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/',
    },
    {
      name: 'image with a registry',
      code: 'FROM alpine:3.20\nCOPY --from=ghcr.io/acme/tools /bin/tool /bin/',
    },
    { name: 'image with a path', code: 'FROM alpine:3.20\nCOPY --from=acme/tools /bin/tool /bin/' },
    {
      name: 'image by digest',
      code: 'FROM alpine:3.20\nCOPY --from=busybox@sha256:' + 'c'.repeat(64) + ' /bin/sh /bin/',
    },
    { name: 'scratch', code: 'FROM alpine:3.20\nCOPY --from=scratch / /' },
    { name: 'variable with no known value', code: 'FROM alpine:3.20\nARG SRC\nCOPY --from=$SRC /a /a' },
    {
      name: 'ARG default that names a stage',
      code: 'ARG FROM_STAGE=build\nFROM golang:1.22 AS build\nFROM alpine:3.20\nARG FROM_STAGE\nCOPY --from=${FROM_STAGE} /a /a',
    },
    {
      name: 'ARG default that is an image',
      code: 'ARG TOOLS=ghcr.io/acme/tools:1.0\nFROM alpine:3.20\nCOPY --from=$TOOLS /bin/tool /bin/',
    },
    {
      name: 'RUN --mount from an earlier stage',
      code: 'FROM golang:1.22 AS deps\nFROM golang:1.22\nRUN --mount=type=cache,from=deps,target=/go/pkg/mod go build .',
    },
    {
      name: 'RUN --mount without from',
      code: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache true',
    },
  ],
  invalid: [
    {
      name: 'typo of an earlier stage: did you mean',
      code: `
FROM golang:1.22 AS builder
FROM alpine:3.20
COPY --from=buidler /out/app /app
            ~~~~~~~`,
      messageIds: ['didYouMean'],
      output: 'FROM golang:1.22 AS builder\nFROM alpine:3.20\nCOPY --from=builder /out/app /app',
    },
    {
      name: 'the suggestion keeps the stage name as written',
      code: `
FROM node:20 AS Deps
FROM node:20-slim
COPY --from=dep /app/node_modules ./node_modules
            ~~~`,
      output: 'FROM node:20 AS Deps\nFROM node:20-slim\nCOPY --from=Deps /app/node_modules ./node_modules',
    },
    {
      name: 'unknown bare name is pulled as an image',
      code: `
FROM golang:1.22 AS builder
FROM alpine:3.20
COPY --from=busybox /bin/busybox /bin/
            ~~~~~~~`,
      messageIds: ['image'],
      output: null,
    },
    {
      name: 'index out of range',
      code: `
FROM golang:1.22
FROM alpine:3.20
COPY --from=2 /app /app
            ~`,
      messageIds: ['badIndex'],
      output: null,
    },
    {
      name: 'copy from the current stage, by name and by index',
      code: `
FROM golang:1.22 AS build
COPY --from=build /a /b
            ~~~~~
COPY --from=0 /a /b
            ~`,
      messageIds: ['self', 'self'],
    },
    {
      name: 'forward references',
      code: `
FROM alpine:3.20
COPY --from=later /a /a
            ~~~~~
COPY --from=1 /a /a
            ~
FROM alpine:3.20 AS later`,
      messageIds: ['later', 'later'],
    },
    {
      name: 'RUN --mount from a misspelt stage',
      code: `
FROM golang:1.22 AS deps
FROM golang:1.22
RUN --mount=type=cache,from=dpes,target=/go/pkg/mod go build .
                            ~~~~`,
      output:
        'FROM golang:1.22 AS deps\nFROM golang:1.22\nRUN --mount=type=cache,from=deps,target=/go/pkg/mod go build .',
    },
    {
      name: 'variable resolved to a misspelt name: reported without a fix',
      code: `
FROM golang:1.22 AS builder
FROM alpine:3.20
ARG SRC=buildr
COPY --from=$SRC /a /a
            ~~~~`,
      messageIds: ['didYouMean'],
      output: null,
    },
    {
      name: 'CRLF line endings are kept',
      code: 'FROM golang:1.22 AS builder\r\nFROM alpine:3.20\r\nCOPY --from=bulider /a /a\r\n',
      ranges: ['2:12-2:19'],
      output: 'FROM golang:1.22 AS builder\r\nFROM alpine:3.20\r\nCOPY --from=builder /a /a\r\n',
    },
  ],
});
