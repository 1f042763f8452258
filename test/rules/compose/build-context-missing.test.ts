import rule from '../../../server/src/rules/compose/build-context-missing';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    {
      name: 'context and Dockerfile exist',
      files: ['api', 'api/Dockerfile'],
      code: 'services:\n  api:\n    build: ./api\n',
    },
    {
      name: 'named Dockerfile',
      files: ['api', 'api/Dockerfile.prod'],
      code: 'services:\n  api:\n    build:\n      context: api\n      dockerfile: Dockerfile.prod\n',
    },
    {
      name: 'a context beside the project folder (`..`)',
      files: ['../backend', '../backend/Dockerfile', '../web', '../web/Dockerfile.dev'],
      code: 'services:\n  api:\n    build: ../backend\n  web:\n    build:\n      context: ./sub/../../web/\n      dockerfile: Dockerfile.dev\n',
    },
    { name: 'the current folder', files: ['Dockerfile'], code: 'services:\n  api:\n    build: .\n' },
    {
      name: 'remote contexts',
      code: 'services:\n  a:\n    build: https://github.com/docker/buildx.git#master\n  b:\n    build: git@github.com:org/repo.git\n',
    },
    {
      name: 'inline Dockerfile',
      code: 'services:\n  a:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM nginx:1.27\n',
    },
    {
      name: 'absolute paths and variables',
      code: 'services:\n  a:\n    build: /srv/app\n  b:\n    build: ${APP_DIR}\n',
    },
    {
      name: 'unknown (an unsaved file): quiet',
      unknownFiles: true,
      code: 'services:\n  api:\n    build: ./api\n',
    },
  ],
  invalid: [
    {
      name: 'a missing folder',
      files: ['api', 'api/Dockerfile'],
      code: `
services:
  api:
    build: ./api
  web:
    build: ./web
           ~~~~~
`,
      messageIds: ['context'],
      output: null,
    },
    {
      name: 'a missing folder beside the project folder',
      files: ['backend', 'backend/Dockerfile'],
      code: `
services:
  api:
    build: ../backend
           ~~~~~~~~~~
`,
      messageIds: ['context'],
      messages: ['`../backend`'],
    },
    {
      name: 'a missing Dockerfile',
      files: ['api'],
      code: `
services:
  api:
    build:
      context: ./api
      dockerfile: Dockerfile.dev
                  ~~~~~~~~~~~~~~
`,
      messages: ['`api/Dockerfile.dev` does not exist'],
    },
    {
      name: 'a folder without a Dockerfile',
      files: ['api', 'other'],
      code: `
services:
  api:
    build: ./api
           ~~~~~
`,
      messageIds: ['noDockerfile'],
    },
  ],
});
