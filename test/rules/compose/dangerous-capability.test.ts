import rule from '../../../server/src/rules/compose/dangerous-capability';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    'services:\n  a:\n    image: nginx:1.27\n    cap_drop: [ALL]\n    cap_add: [CHOWN, SETUID, SETGID, NET_BIND_SERVICE]\n',
    { name: 'dropping is fine', code: 'services:\n  a:\n    image: x:1\n    cap_drop:\n      - SYS_ADMIN\n' },
    {
      name: 'an unresolved variable',
      code: 'services:\n  a:\n    image: x:1\n    cap_add:\n      - ${CAP}\n',
    },
  ],
  invalid: [
    {
      name: 'also with cap_drop ALL; any case, with CAP_; the item removed',
      code: `
services:
  a:
    image: x:1
    cap_drop:
      - ALL
    cap_add:
      - CHOWN
      - cap_sys_admin
        ~~~~~~~~~~~~~
`,
      messages: ['`SYS_ADMIN`'],
      output: 'services:\n  a:\n    image: x:1\n    cap_drop:\n      - ALL\n    cap_add:\n      - CHOWN\n',
    },
    {
      name: 'the only item goes with its key',
      code: `
services:
  a:
    image: x:1
    cap_add:
      - SYS_PTRACE
        ~~~~~~~~~~
    init: true
`,
      output: 'services:\n  a:\n    image: x:1\n    init: true\n',
    },
    {
      name: 'flow list: reported, not edited',
      code: `
services:
  vpn:
    image: x:1
    cap_add: [NET_ADMIN, ALL]
              ~~~~~~~~~  ~~~
`,
      messages: ['network interfaces', 'every capability'],
      output: null,
    },
    {
      name: 'CRLF',
      code: 'services:\r\n  a:\r\n    image: x:1\r\n    cap_add:\r\n      - SYS_MODULE\r\n      - NET_BIND_SERVICE\r\n',
      ranges: ['4:8-4:18'],
      output: 'services:\r\n  a:\r\n    image: x:1\r\n    cap_add:\r\n      - NET_BIND_SERVICE\r\n',
    },
  ],
});
