import rule from '../../../server/src/rules/compose/non-root-user';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    'services:\n  w:\n    image: python:3.12-slim\n    user: "1000:1000"\n',
    {
      name: 'images that switch users themselves',
      code: 'services:\n  db:\n    image: postgres:16\n  cache:\n    image: redis:7\n  web:\n    image: nginx:1.27\n',
    },
    { name: 'unknown images', code: 'services:\n  app:\n    image: ghcr.io/acme/app:1.2\n' },
    {
      name: 'built images are judged in their Dockerfile',
      code: 'services:\n  app:\n    build: .\n    image: python:3.12\n',
    },
    {
      name: 'override files',
      fileName: 'compose.override.yaml',
      code: 'services:\n  w:\n    image: python:3.12-slim\n',
    },
  ],
  invalid: [
    {
      name: 'python',
      code: `
services:
  worker:
  ~~~~~~
    image: python:3.12-slim
    command: ["python", "-m", "worker"]
`,
      output:
        'services:\n  worker:\n    image: python:3.12-slim\n    command: ["python", "-m", "worker"]\n    user: "1000:1000"\n',
    },
    {
      name: 'node has its own user, CRLF',
      code: 'services:\r\n  web:\r\n    image: node:20-alpine\r\n',
      ranges: ['1:2-1:5'],
      output: 'services:\r\n  web:\r\n    image: node:20-alpine\r\n    user: node\r\n',
    },
  ],
});
