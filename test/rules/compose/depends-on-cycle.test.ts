import rule from '../../../server/src/rules/compose/depends-on-cycle';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    'services:\n  a:\n    image: x:1\n    depends_on: [b]\n  b:\n    image: x:1\n    depends_on: [c]\n  c:\n    image: x:1\n',
    {
      name: 'diamond',
      code: 'services:\n  a:\n    image: x:1\n    depends_on: [b, c]\n  b:\n    image: x:1\n    depends_on: [d]\n  c:\n    image: x:1\n    depends_on: [d]\n  d:\n    image: x:1\n',
    },
    {
      name: 'undefined dependencies are another rule',
      code: 'services:\n  a:\n    image: x:1\n    depends_on: [ghost]\n',
    },
  ],
  invalid: [
    {
      name: 'two services',
      code: `
services:
  api:
    image: nginx:1.27
    depends_on:
      - worker
  worker:
    image: busybox:1.36
    depends_on:
      - api
        ~~~
`,
      messages: ['`api` → `worker` → `api`'],
      output: null,
    },
    {
      name: 'itself',
      code: 'services:\n  api:\n    image: nginx:1.27\n    depends_on:\n      api:\n        condition: service_started\n',
      ranges: ['4:6-4:9'],
      messageIds: ['self'],
    },
    {
      name: 'through links and volumes_from, reported once',
      code: `
services:
  a:
    image: x:1
    links: [b]
  b:
    image: x:1
    volumes_from: [c]
  c:
    image: x:1
    depends_on: [a]
                 ~
`,
    },
  ],
});
