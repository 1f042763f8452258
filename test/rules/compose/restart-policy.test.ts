import rule from '../../../server/src/rules/compose/restart-policy';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    'services:\n  a:\n    image: x:1\n    restart: unless-stopped\n',
    { name: '"no" is a choice', code: 'services:\n  a:\n    image: x:1\n    restart: "no"\n' },
    {
      name: 'deploy.restart_policy',
      code: 'services:\n  a:\n    image: x:1\n    deploy:\n      restart_policy:\n        condition: on-failure\n',
    },
    {
      name: 'tools in profiles',
      code: 'services:\n  adminer:\n    image: adminer:4\n    profiles: [debug]\n',
    },
    {
      name: 'one-shot services',
      code: 'services:\n  migrate:\n    image: app:1\n  api:\n    image: app:1\n    restart: always\n    depends_on:\n      migrate:\n        condition: service_completed_successfully\n',
    },
    {
      name: 'from an anchor',
      code: 'x-r: &r\n  restart: always\nservices:\n  a:\n    <<: *r\n    image: x:1\n',
    },
    { name: 'override files', fileName: 'compose.override.yaml', code: 'services:\n  a:\n    image: x:1\n' },
    {
      name: 'silenced on the service key, or for the whole file',
      code: 'services:\n  # shipshape-ignore compose/restart-policy -- a dev tool\n  adminer:\n    image: adminer:4\n',
    },
    {
      name: 'silenced for the file',
      code: '# shipshape-ignore-file compose/restart-policy\nservices:\n  a:\n    image: x:1\n',
    },
  ],
  invalid: [
    {
      name: 'added at the end of the service, before the next one and its comment',
      code: `
services:
  api:
  ~~~
    image: app:1

  # the database
  db:
  ~~
    image: postgres:16
`,
      output:
        'services:\n  api:\n    image: app:1\n    restart: unless-stopped\n\n  # the database\n  db:\n    image: postgres:16\n    restart: unless-stopped\n',
    },
    {
      name: 'CRLF, an empty service',
      code: 'services:\r\n  api:\r\n',
      ranges: ['1:2-1:5'],
      output: 'services:\r\n  api:\r\n    restart: unless-stopped\r\n',
    },
  ],
});
