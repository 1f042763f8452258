import rule from '../../../server/src/rules/compose/mount-propagation';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    'services:\n  a:\n    image: x:1\n    volumes:\n      - /mnt:/mnt:rslave\n      - /srv:/srv:ro,z\n      - type: bind\n        source: /data\n        target: /data\n        bind:\n          propagation: rprivate\n',
  ],
  invalid: [
    {
      name: 'short and long syntax',
      code: `
services:
  a:
    image: x:1
    volumes:
      - /mnt/data:/data:ro,rshared
        ~~~~~~~~~~~~~~~~~~~~~~~~~~
      - type: bind
        source: /srv
        target: /srv
        bind:
          propagation: shared
                       ~~~~~~
`,
      messages: ['`rshared` propagation', '`shared` propagation'],
      output: null,
    },
    {
      name: 'CRLF',
      code: 'services:\r\n  a:\r\n    image: x:1\r\n    volumes:\r\n      - /mnt:/mnt:shared\r\n',
      ranges: ['4:8-4:24'],
      output: null,
    },
  ],
});
