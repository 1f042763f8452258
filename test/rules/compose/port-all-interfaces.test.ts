import rule from '../../../server/src/rules/compose/port-all-interfaces';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    'services:\n  a:\n    image: x:1\n    ports:\n      - "127.0.0.1:8080:8080"\n      - "[::1]:9090:9090"\n      - target: 80\n        host_ip: 192.168.1.5\n        published: "8081"\n',
    {
      name: 'an unresolved variable',
      code: 'services:\n  a:\n    image: x:1\n    ports:\n      - "${PORT}:80"\n',
    },
  ],
  invalid: [
    {
      name: 'short, container-only and long syntax',
      code: `
services:
  a:
    image: x:1
    ports:
      - "8080:80"
        ~~~~~~~~~
      - 0.0.0.0:8443:443
        ~~~~~~~~~~~~~~~~
      - "9000"
        ~~~~~~
      - target: 81
        published: "8081"
                   ~~~~~~
`,
      output:
        'services:\n  a:\n    image: x:1\n    ports:\n      - "127.0.0.1:8080:80"\n      - "127.0.0.1:8443:443"\n      - "127.0.0.1::9000"\n      - target: 81\n        published: "8081"\n        host_ip: 127.0.0.1\n',
    },
    {
      name: 'CRLF',
      code: "services:\r\n  a:\r\n    image: x:1\r\n    ports:\r\n      - '3000:3000'\r\n",
      ranges: ['4:8-4:19'],
      output: "services:\r\n  a:\r\n    image: x:1\r\n    ports:\r\n      - '127.0.0.1:3000:3000'\r\n",
    },
  ],
});
