import rule from '../../../server/src/rules/compose/log-rotation';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    'services:\n  a:\n    image: x:1\n    logging:\n      driver: json-file\n      options:\n        max-size: "10m"\n',
    {
      name: 'other drivers',
      code: 'services:\n  a:\n    image: x:1\n    logging:\n      driver: local\n  b:\n    image: x:1\n    logging:\n      driver: journald\n',
    },
    {
      name: 'anchor (seed 004)',
      code: 'x-logging: &logging\n  driver: json-file\n  options:\n    max-size: "100m"\n    max-file: "10"\nservices:\n  a:\n    image: x:1\n    logging: *logging\n',
    },
    { name: 'override files', fileName: 'compose.production.yml', code: 'services:\n  a:\n    image: x:1\n' },
    {
      name: 'a driver from variables',
      code: 'services:\n  a:\n    image: x:1\n    logging:\n      driver: ${LOG_DRIVER}\n',
    },
  ],
  invalid: [
    {
      name: 'no logging',
      code: `
services:
  api:
  ~~~
    image: app:1
`,
      output:
        'services:\n  api:\n    image: app:1\n    logging:\n      driver: json-file\n      options:\n        max-size: "10m"\n        max-file: "3"\n',
    },
    {
      name: 'reuses an anchored logging block; anchors and comments kept',
      code: `
x-logging: &logging
  # rotated
  options:
    max-size: "50m"
services:
  a:
    image: x:1
    logging: *logging
  b:
  ~
    image: x:1
`,
      output:
        'x-logging: &logging\n  # rotated\n  options:\n    max-size: "50m"\nservices:\n  a:\n    image: x:1\n    logging: *logging\n  b:\n    image: x:1\n    logging: *logging\n',
    },
    {
      name: 'json-file without options, CRLF',
      code: 'services:\r\n  a:\r\n    image: x:1\r\n    logging:\r\n      driver: json-file\r\n',
      ranges: ['1:2-1:3'],
      output:
        'services:\r\n  a:\r\n    image: x:1\r\n    logging:\r\n      driver: json-file\r\n      options:\r\n        max-size: "10m"\r\n        max-file: "3"\r\n',
    },
    {
      name: 'options without max-size',
      code: 'services:\n  a:\n    image: x:1\n    logging:\n      options:\n        max-file: "5"\n',
      ranges: ['1:2-1:3'],
      output:
        'services:\n  a:\n    image: x:1\n    logging:\n      options:\n        max-file: "5"\n        max-size: "10m"\n',
    },
  ],
});
