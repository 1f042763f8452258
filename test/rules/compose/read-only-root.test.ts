import rule from '../../../server/src/rules/compose/read-only-root';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    'services:\n  a:\n    image: x:1\n    read_only: true\n',
    { name: 'false is a choice', code: 'services:\n  a:\n    image: x:1\n    read_only: false\n' },
    { name: 'override files', fileName: 'compose.override.yaml', code: 'services:\n  a:\n    image: x:1\n' },
    {
      name: 'inherited through extends',
      code: 'services:\n  base:\n    image: x:1\n    read_only: true\n  a:\n    extends: base\n',
    },
  ],
  invalid: [
    {
      name: 'adds a tmpfs for /tmp',
      code: `
services:
  web:
  ~~~
    image: acme/web:1.2
`,
      output: 'services:\n  web:\n    image: acme/web:1.2\n    read_only: true\n    tmpfs:\n      - /tmp\n',
    },
    {
      name: 'nginx also writes its caches and pid file',
      code: `
services:
  web:
  ~~~
    image: nginx:1.27
`,
      output:
        'services:\n  web:\n    image: nginx:1.27\n    read_only: true\n    tmpfs:\n      - /tmp\n      - /var/cache/nginx\n      - /var/run\n',
    },
    {
      name: 'postgres also writes its socket directory; an existing tmpfs is kept; CRLF',
      code: 'services:\r\n  db:\r\n    image: postgres:16\r\n  web:\r\n    image: nginx:1.27\r\n    tmpfs: [/run]\r\n',
      ranges: ['1:2-1:4', '3:2-3:5'],
      output:
        'services:\r\n  db:\r\n    image: postgres:16\r\n    read_only: true\r\n    tmpfs:\r\n      - /tmp\r\n      - /var/run/postgresql\r\n' +
        '  web:\r\n    image: nginx:1.27\r\n    tmpfs: [/run]\r\n    read_only: true\r\n',
    },
  ],
});
