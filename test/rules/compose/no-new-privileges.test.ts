import rule from '../../../server/src/rules/compose/no-new-privileges';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    'services:\n  a:\n    image: x:1\n    security_opt:\n      - no-new-privileges:true\n',
    {
      name: 'other spellings and an explicit false',
      code: 'services:\n  a:\n    image: x:1\n    security_opt: [no-new-privileges]\n  b:\n    image: x:1\n    security_opt: ["no-new-privileges=true"]\n  c:\n    image: x:1\n    security_opt: ["no-new-privileges:false"]\n',
    },
    {
      name: 'privileged services have their own rule',
      code: 'services:\n  a:\n    image: x:1\n    privileged: true\n',
    },
    {
      name: 'override files',
      fileName: 'docker-compose.override.yml',
      code: 'services:\n  a:\n    image: x:1\n',
    },
    {
      name: 'from an anchor',
      code: 'x-h: &h\n  security_opt:\n    - no-new-privileges:true\nservices:\n  a:\n    <<: *h\n    image: x:1\n',
    },
  ],
  invalid: [
    {
      name: 'added to an existing list, comments kept',
      code: `
services:
  a:
  ~
    image: x:1
    security_opt:
      # AppArmor profile
      - apparmor:docker-default
`,
      output:
        'services:\n  a:\n    image: x:1\n    security_opt:\n      # AppArmor profile\n      - apparmor:docker-default\n      - no-new-privileges:true\n',
    },
    {
      name: 'a new key, CRLF; a flow list',
      code: 'services:\r\n  a:\r\n    image: x:1\r\n  b:\r\n    image: x:1\r\n    security_opt: [seccomp:unconfined]\r\n',
      ranges: ['1:2-1:3', '3:2-3:3'],
      output:
        'services:\r\n  a:\r\n    image: x:1\r\n    security_opt:\r\n      - no-new-privileges:true\r\n  b:\r\n    image: x:1\r\n    security_opt: [seccomp:unconfined, no-new-privileges:true]\r\n',
    },
  ],
});
