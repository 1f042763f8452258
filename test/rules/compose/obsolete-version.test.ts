import rule from '../../../server/src/rules/compose/obsolete-version';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n',
    {
      name: 'version inside an x- field is data',
      code: 'x-meta:\n  version: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n',
    },
    {
      name: 'a label named version',
      code: 'services:\n  web:\n    image: nginx:1.27\n    labels:\n      version: "2"\n',
    },
  ],
  invalid: [
    {
      name: 'seed 000',
      code: `
version: '3.8'
~~~~~~~~~~~~~~
services:
  api:
    build: .
`,
      output: 'services:\n  api:\n    build: .\n',
    },
    {
      name: 'CRLF, comment above kept',
      code: '# stack\r\nversion: "3"\r\nservices:\r\n  web:\r\n    image: nginx:1.27\r\n',
      ranges: ['1:0-1:12'],
      output: '# stack\r\nservices:\r\n  web:\r\n    image: nginx:1.27\r\n',
    },
    {
      name: 'at the end of the file, with anchors elsewhere',
      code: 'x-base: &base\n  restart: always\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\nversion: "3.9"',
      ranges: ['6:0-6:14'],
      output: 'x-base: &base\n  restart: always\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\n',
    },
    {
      name: 'nothing but version: no fix, since an empty file is an error',
      code: 'version: "3.9"\r\n',
      ranges: ['0:0-0:14'],
      output: null,
    },
  ],
});
