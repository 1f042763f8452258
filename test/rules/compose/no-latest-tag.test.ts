import rule from '../../../server/src/rules/compose/no-latest-tag';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    'services:\n  db:\n    image: postgres:16.4-alpine\n',
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
