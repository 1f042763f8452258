import rule from '../../../server/src/rules/compose/root-user';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    'services:\n  a:\n    image: x:1\n    user: node\n  b:\n    image: x:1\n    user: "1000:0"\n  c:\n    image: x:1\n    user: "1000"\n  d:\n    image: x:1\n',
    { name: 'an unresolved variable', code: 'services:\n  a:\n    image: x:1\n    user: ${UID}:${GID}\n' },
    { name: 'a default that is not root', code: 'services:\n  a:\n    image: x:1\n    user: ${UID:-1000}\n' },
  ],
  invalid: [
    {
      name: 'root, 0 and 0:0',
      code: `
services:
  a:
    image: x:1
    user: root
          ~~~~
  b:
    image: x:1
    user: "0:0"
          ~~~~~
  c:
    image: x:1
    user: 0
          ~
`,
      messages: ['`user: root`', '`user: 0:0`', '`user: 0`'],
      output: null,
    },
    {
      name: 'from .env, CRLF',
      code: 'services:\r\n  a:\r\n    image: x:1\r\n    user: ${RUN_AS}\r\n',
      read: { '.env': 'RUN_AS=root:root\n' },
      ranges: ['3:10-3:19'],
      output: null,
    },
  ],
});
