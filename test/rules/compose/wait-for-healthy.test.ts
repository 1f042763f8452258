import rule from '../../../server/src/rules/compose/wait-for-healthy';
import { testComposeRule } from '../../helpers/compose-tester';

const DB =
  '  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U postgres"]\n';
const CACHE = '  redis:\n    image: redis:7-alpine\n';

testComposeRule(rule, {
  valid: [
    `services:\n  api:\n    image: app:1\n    depends_on:\n      db:\n        condition: service_healthy\n${DB}`,
    {
      name: 'an explicit condition is a choice',
      code: `services:\n  api:\n    image: app:1\n    depends_on:\n      db:\n        condition: service_started\n${DB}`,
    },
    {
      name: 'no healthcheck to wait for',
      code: `services:\n  api:\n    image: app:1\n    depends_on:\n      - redis\n${CACHE}`,
    },
    {
      name: 'a disabled healthcheck',
      code: 'services:\n  api:\n    image: app:1\n    depends_on: [db]\n  db:\n    image: x:1\n    healthcheck:\n      disable: true\n',
    },
    {
      name: 'undefined dependencies',
      code: 'services:\n  api:\n    image: app:1\n    depends_on: [ghost]\n',
    },
  ],
  invalid: [
    {
      name: 'seed 000 style: converts the list, keeping other entries and comments',
      code: `
services:
  api:
    image: app:1
    depends_on:
      # the database first
      - db
        ~~
      - redis # cache
${DB}${CACHE}`,
      output:
        'services:\n  api:\n    image: app:1\n    depends_on:\n      # the database first\n      db:\n        condition: service_healthy\n' +
        `      redis: # cache\n        condition: service_started\n${DB}${CACHE}`,
    },
    {
      name: 'a compact list at the key column, CRLF',
      code: 'services:\r\n  api:\r\n    image: app:1\r\n    depends_on:\r\n    - db\r\n  db:\r\n    image: x:1\r\n    healthcheck:\r\n      test: ["CMD", "true"]\r\n',
      ranges: ['4:6-4:8'],
      output:
        'services:\r\n  api:\r\n    image: app:1\r\n    depends_on:\r\n      db:\r\n        condition: service_healthy\r\n  db:\r\n    image: x:1\r\n    healthcheck:\r\n      test: ["CMD", "true"]\r\n',
    },
    {
      name: 'a flow list',
      code: `services:\n  api:\n    image: app:1\n    depends_on: [db, redis]\n                 ~~\n${DB}${CACHE}`,
      output: `services:\n  api:\n    image: app:1\n    depends_on: { db: { condition: service_healthy }, redis: { condition: service_started } }\n${DB}${CACHE}`,
    },
    {
      name: 'the healthcheck is in the Dockerfile the dependency builds, and comes from an anchor',
      read: { 'db/Dockerfile': 'FROM postgres:16\nHEALTHCHECK CMD pg_isready\n' },
      code: `
x-deps: &deps
  depends_on:
    - db
      ~~
services:
  api:
    <<: *deps
    image: app:1
  db:
    build: ./db
`,
      output: null,
    },
  ],
});
