import rule from '../../../server/src/rules/compose/no-latest-tag';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    'services:\n  db:\n    image: postgres:16.4-alpine\n',
    {
      name: 'a version in the tag is pinned enough; a release name is not a channel',
      code: 'services:\n  a:\n    image: node:22-alpine\n  b:\n    image: nginx:1.27-alpine-slim\n  c:\n    image: debian:bookworm\n  d:\n    image: python:3.12-slim\n',
    },
    {
      name: 'a digest',
      code: 'services:\n  db:\n    image: postgres@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
    },
    {
      name: 'a registry with a port',
      code: 'services:\n  app:\n    image: registry.local:5000/team/app:2.1\n',
    },
    {
      name: 'the image being built',
      code: 'services:\n  app:\n    build: .\n    image: ghcr.io/acme/app:latest\n',
    },
    {
      name: 'from variables .env does not resolve',
      code: 'services:\n  app:\n    image: ${BACKEND_IMAGE:-ghcr.io/acme/app}\n  web:\n    image: nginx:${TAG}\n',
    },
  ],
  invalid: [
    {
      name: 'untagged',
      code: `
services:
  cache:
    image: redis
           ~~~~~
`,
      messageIds: ['untagged'],
      output: null,
    },
    {
      name: ':latest marks the tag; a registry port is not a tag',
      code: `
services:
  web:
    image: "nginx:latest"
                  ~~~~~~
  app:
    image: registry.local:5000/app
           ~~~~~~~~~~~~~~~~~~~~~~~
`,
      messageIds: ['latest', 'untagged'],
    },
    {
      name: 'channel and variant tags float too',
      code: `
services:
  a:
    image: nginx:stable
                 ~~~~~~
  b:
    image: node:lts-alpine
                ~~~~~~~~~~
  c:
    image: python:alpine
                  ~~~~~~
  d:
    image: alpine:edge
                  ~~~~
  e:
    image: nginx:mainline
                 ~~~~~~~~
  f:
    image: node:current
                ~~~~~~~
  g:
    image: archlinux:rolling
                     ~~~~~~~
`,
      messageIds: ['floating', 'floating', 'floating', 'floating', 'floating', 'floating', 'floating'],
      messages: ['floating tag `stable`'],
      output: null,
    },
    {
      name: 'CRLF',
      code: 'services:\r\n  web:\r\n    image: caddy:alpine\r\n',
      ranges: ['2:17-2:23'],
      output: null,
    },
    {
      name: 'resolved from .env',
      read: { '.env': 'TAG=latest\n' },
      code: `
services:
  web:
    image: nginx:\${TAG}
           ~~~~~~~~~~~~
`,
    },
  ],
});
