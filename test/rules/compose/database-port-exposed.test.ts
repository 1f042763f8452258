import rule from '../../../server/src/rules/compose/database-port-exposed';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    'services:\n  db:\n    image: postgres:16\n    ports:\n      - "127.0.0.1:5432:5432"\n',
    {
      name: 'not published',
      code: 'services:\n  db:\n    image: postgres:16\n    expose:\n      - "5432"\n',
    },
    {
      name: 'the proxy faces the network',
      code: 'services:\n  proxy:\n    image: nginx:1.27\n    ports:\n      - "80:80"\n      - "443:443"\n',
    },
    {
      name: 'long syntax bound locally, IPv6 loopback',
      code: 'services:\n  db:\n    image: redis:7\n    ports:\n      - target: 6379\n        host_ip: 127.0.0.1\n      - "[::1]:6380:6379"\n',
    },
    {
      name: 'from variables',
      code: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "${DB_PORT}:5432"\n',
    },
  ],
  invalid: [
    {
      name: 'seed-style mapping, comment kept',
      code: `
services:
  db:
    image: postgres:16
    ports:
      - "5432:5432" # for psql
        ~~~~~~~~~~~
`,
      output:
        'services:\n  db:\n    image: postgres:16\n    ports:\n      - "127.0.0.1:5432:5432" # for psql\n',
    },
    {
      name: 'a random host port, 0.0.0.0, single quotes, a number, CRLF',
      code: "services:\r\n  a:\r\n    image: redis:7\r\n    ports:\r\n      - '6379'\r\n      - 0.0.0.0:27017:27017\r\n      - 3306\r\n",
      ranges: ['4:8-4:14', '5:8-5:27', '6:8-6:12'],
      output:
        'services:\r\n  a:\r\n    image: redis:7\r\n    ports:\r\n      - \'127.0.0.1::6379\'\r\n      - "127.0.0.1:27017:27017"\r\n      - "127.0.0.1::3306"\r\n',
    },
    {
      name: 'long syntax gets host_ip',
      code: `
services:
  db:
    image: mysql:8.4
    ports:
      - target: 3306
        published: "3306"
                   ~~~~~~
`,
      output:
        'services:\n  db:\n    image: mysql:8.4\n    ports:\n      - target: 3306\n        published: "3306"\n        host_ip: 127.0.0.1\n',
    },
  ],
});
