import rule from '../../../server/src/rules/compose/invalid-document';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n',
    { name: 'an empty override file', fileName: 'compose.override.yaml', code: '# nothing yet\n' },
    {
      name: 'an empty main file merged with an override that has content',
      read: { 'compose.override.yaml': 'services:\n  web:\n    image: nginx:1.27\n' },
      code: '# all in the override\n',
    },
    {
      name: 'one merge key with a list',
      code: 'x-a: &a\n  init: true\nx-b: &b\n  restart: always\nservices:\n  web:\n    image: nginx:1.27\n    <<: [*a, *b]\n',
    },
    {
      name: 'merge keys in different mappings',
      code: 'x-a: &a\n  init: true\nservices:\n  a:\n    <<: *a\n    image: nginx:1.27\n  b:\n    <<: *a\n    image: nginx:1.27\n',
    },
    { name: 'a quoted "<<" key is a plain key', code: 'x-a:\n  "<<": 1\n  "<<x": 2\nservices: {}\n' },
  ],
  invalid: [
    {
      name: 'comments only',
      code: '# to do\n\n',
      ranges: ['0:0-0:0'],
      messageIds: ['empty'],
      output: null,
    },
    { name: 'an empty mapping', code: '{}\n', ranges: ['0:0-0:0'] },
    {
      name: 'two merge keys in a service',
      code: `
x-a: &a
  init: true
x-b: &b
  restart: always
services:
  web:
    image: nginx:1.27
    <<: *a
    <<: *b
    ~~
`,
      messageIds: ['mergeTwice'],
      messages: ['line 8'],
    },
    {
      name: 'two merge keys with another key between them, in a list item',
      code: `
x-a: &a
  init: true
services:
  web:
    image: nginx:1.27
    logging:
      - <<: *a
        driver: local
        <<: *a
        ~~
`,
    },
  ],
});
