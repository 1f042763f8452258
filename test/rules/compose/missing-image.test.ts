import rule from '../../../server/src/rules/compose/missing-image';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n  api:\n    build: .\n',
    {
      name: 'override files add to services',
      fileName: 'compose.override.yml',
      code: 'services:\n  web:\n    ports:\n      - "8080:80"\n',
    },
    {
      name: 'extends inherits',
      code: 'services:\n  base:\n    image: nginx:1.27\n  web:\n    extends: base\n',
    },
    { name: 'from an anchor', code: 'x-img: &img\n  image: nginx:1.27\nservices:\n  web:\n    <<: *img\n' },
    { name: 'a service written as a string is the schema rule’s finding', code: 'services:\n  web: nginx\n' },
    { name: 'provider services', code: 'services:\n  db:\n    provider:\n      type: awesomecloud\n' },
  ],
  invalid: [
    {
      name: 'no image, no Dockerfile beside: no fix',
      code: `
services:
  web:
  ~~~
    ports:
      - "8080:80"
`,
      output: null,
    },
    {
      name: 'builds from the Dockerfile beside it, CRLF and comments kept',
      files: ['Dockerfile'],
      code: 'services:\r\n  web:\r\n    # public\r\n    ports:\r\n      - "8080:80"\r\n',
      ranges: ['1:2-1:5'],
      output: 'services:\r\n  web:\r\n    # public\r\n    ports:\r\n      - "8080:80"\r\n    build: .\r\n',
    },
  ],
});
