import rule from '../../../server/src/rules/compose/security-opt-disabled';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    'services:\n  a:\n    image: x:1\n    security_opt:\n      - no-new-privileges:true\n      - seccomp:./profile.json\n      - apparmor:docker-default\n      - label:type:svirt_apache_t\n',
    'services:\n  a:\n    image: x:1\n    security_opt: [no-new-privileges]\n',
    {
      name: 'a variable without a value',
      code: 'services:\n  a:\n    image: x:1\n    security_opt:\n      - ${OPT}\n',
    },
  ],
  invalid: [
    {
      name: 'seccomp: the item removed, the others kept',
      code: `
services:
  a:
    image: x:1
    security_opt:
      - no-new-privileges:true
      - seccomp:unconfined
        ~~~~~~~~~~~~~~~~~~
`,
      messages: ['seccomp profile'],
      output: 'services:\n  a:\n    image: x:1\n    security_opt:\n      - no-new-privileges:true\n',
    },
    {
      name: 'the only item goes with its key',
      code: `
services:
  a:
    image: x:1
    security_opt:
      - apparmor=unconfined
        ~~~~~~~~~~~~~~~~~~~
    restart: always
`,
      output: 'services:\n  a:\n    image: x:1\n    restart: always\n',
    },
    {
      name: 'label, systempaths and an explicit no-new-privileges:false',
      code: `
services:
  a:
    image: x:1
    security_opt: ["label:disable", "systempaths=unconfined", "no-new-privileges:false"]
                   ~~~~~~~~~~~~~~~  ~~~~~~~~~~~~~~~~~~~~~~~~  ~~~~~~~~~~~~~~~~~~~~~~~~~
`,
      messages: ['SELinux', 'unmasks', 'setuid'],
      output: null,
    },
    {
      name: 'CRLF',
      code: 'services:\r\n  a:\r\n    image: x:1\r\n    security_opt:\r\n      - seccomp:unconfined\r\n      - label:type:svirt_t\r\n',
      ranges: ['4:8-4:26'],
      output: 'services:\r\n  a:\r\n    image: x:1\r\n    security_opt:\r\n      - label:type:svirt_t\r\n',
    },
  ],
});
