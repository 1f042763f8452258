import rule from '../../../server/src/rules/dockerfile/apk-no-cache';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'a tmpfs mount',
      code: 'FROM alpine:3.20\nRUN --mount=type=tmpfs,target=/var/cache/apk apk add curl',
    },
    'FROM alpine:3.20\nRUN apk add --no-cache curl',
    'FROM alpine:3.20\nRUN apk --no-cache add curl',
    {
      name: 'builder stages are not checked',
      code: `
FROM alpine:3.20 AS build
RUN apk add build-base && make
FROM alpine:3.20
COPY --from=build /src/app /app`,
    },
    {
      name: 'the same RUN removes the cache',
      code: 'FROM alpine:3.20\nRUN apk update && apk add curl && rm -rf /var/cache/apk/*',
    },
    {
      name: 'cache mount',
      code: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl',
    },
    {
      name: 'cache mount over /etc/apk/cache',
      code: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/etc/apk/cache apk add curl',
    },
    { name: 'sudo with the flag', code: 'FROM alpine:3.20\nRUN sudo apk add --no-cache curl' },
    {
      name: 'heredoc with the flag',
      code: 'FROM alpine:3.20\nRUN <<EOF\napk add --no-cache curl\nEOF',
    },
    { name: 'other subcommands', code: 'FROM alpine:3.20\nRUN apk del curl && apk info' },
    { name: 'JSON form is not checked', code: 'FROM alpine:3.20\nRUN ["apk", "add", "curl"]' },
  ],
  invalid: [
    {
      name: 'missing --no-cache',
      code: `
FROM alpine:3.20
RUN apk add curl
    ~~~~~~~`,
      output: 'FROM alpine:3.20\nRUN apk add --no-cache curl',
    },
    {
      name: 'through sudo, with a repository flag before add',
      code: `
FROM alpine:3.20
RUN sudo apk -X https://dl-cdn.alpinelinux.org/alpine/edge/testing add curl
         ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~`,
      output:
        'FROM alpine:3.20\nRUN sudo apk -X https://dl-cdn.alpinelinux.org/alpine/edge/testing add --no-cache curl',
    },
    {
      name: 'removing the cache before the install does not count',
      code: `
FROM alpine:3.20
RUN rm -rf /var/cache/apk/* && apk add --virtual .deps curl
                               ~~~~~~~`,
      output: 'FROM alpine:3.20\nRUN rm -rf /var/cache/apk/* && apk add --no-cache --virtual .deps curl',
    },
    {
      name: 'in a heredoc, in the stage the final one is built on',
      code: `
FROM alpine:3.20 AS base
RUN <<EOF
apk add tini
~~~~~~~
EOF
FROM base
ENTRYPOINT ["tini", "--"]`,
      output:
        'FROM alpine:3.20 AS base\nRUN <<EOF\napk add --no-cache tini\nEOF\nFROM base\nENTRYPOINT ["tini", "--"]',
    },
    {
      name: 'a cache mount elsewhere does not count',
      code: `
FROM alpine:3.20
RUN --mount=type=cache,target=/root/.cache apk add curl
                                           ~~~~~~~`,
      output: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache apk add --no-cache curl',
    },
    {
      name: 'CRLF',
      code: 'FROM alpine:3.20\r\nRUN apk update \\\r\n && apk add curl\r\n',
      ranges: ['2:4-2:11'],
      output: 'FROM alpine:3.20\r\nRUN apk update \\\r\n && apk add --no-cache curl\r\n',
    },
  ],
});
