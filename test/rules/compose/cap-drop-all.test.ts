import rule from '../../../server/src/rules/compose/cap-drop-all';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    'services:\n  a:\n    image: x:1\n    cap_drop:\n      - ALL\n',
    { name: 'lower case', code: 'services:\n  a:\n    image: x:1\n    cap_drop: [all]\n' },
    { name: 'privileged', code: 'services:\n  a:\n    image: x:1\n    privileged: true\n' },
    { name: 'override files', fileName: 'compose.staging.yml', code: 'services:\n  a:\n    image: x:1\n' },
  ],
  invalid: [
    {
      name: 'an app image',
      code: `
services:
  web:
  ~~~
    image: acme/web:1.2
`,
      output: 'services:\n  web:\n    image: acme/web:1.2\n    cap_drop:\n      - ALL\n',
    },
    {
      name: 'nginx gets what its master process uses back',
      code: `
services:
  web:
  ~~~
    image: nginx:1.27
`,
      output:
        'services:\n  web:\n    image: nginx:1.27\n    cap_drop:\n      - ALL\n    cap_add:\n      - CHOWN\n      - SETGID\n      - SETUID\n      - NET_BIND_SERVICE\n',
    },
    {
      name: 'a database gets its entrypoint capabilities back, CRLF',
      code: 'services:\r\n  db:\r\n    image: postgres:16\r\n',
      ranges: ['1:2-1:4'],
      output:
        'services:\r\n  db:\r\n    image: postgres:16\r\n    cap_drop:\r\n      - ALL\r\n    cap_add:\r\n      - CHOWN\r\n      - DAC_OVERRIDE\r\n      - FOWNER\r\n      - SETGID\r\n      - SETUID\r\n',
    },
    {
      name: 'ALL added to a partial list',
      code: `
services:
  web:
  ~~~
    image: acme/web:1.2
    cap_drop:
      - NET_RAW
`,
      output: 'services:\n  web:\n    image: acme/web:1.2\n    cap_drop:\n      - NET_RAW\n      - ALL\n',
    },
  ],
});
