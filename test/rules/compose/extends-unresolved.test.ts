import rule from '../../../server/src/rules/compose/extends-unresolved';
import { testComposeRule } from '../../helpers/compose-tester';

// compose-go loader/extends.go (cannot read, service not found) and loader/loader.go cycleTracker.
testComposeRule(rule, {
  valid: [
    'services:\n  base:\n    image: nginx:1.27\n  web:\n    extends: base\n',
    {
      name: 'a service in another file, which extends within its own folder',
      read: {
        'common/base.yaml': 'services:\n  base:\n    extends:\n      file: root.yaml\n      service: root\n',
        'common/root.yaml': 'services:\n  root:\n    image: nginx:1.27\n',
      },
      code: 'services:\n  web:\n    extends:\n      file: common/base.yaml\n      service: base\n',
    },
    {
      name: 'an undefined service in this file is undefined-reference’s finding',
      code: 'services:\n  web:\n    extends: nothing\n',
    },
    {
      name: 'a file that exists but cannot be read',
      files: ['big.yaml'],
      code: 'services:\n  web:\n    extends:\n      file: big.yaml\n      service: base\n',
    },
    {
      name: 'a file path from a variable .env does not set',
      code: 'services:\n  web:\n    extends:\n      file: ${DIR}/base.yaml\n      service: base\n',
    },
  ],
  invalid: [
    {
      name: 'a missing file',
      code: `
services:
  web:
    extends:
      file: common.yaml
            ~~~~~~~~~~~
      service: base
`,
      messageIds: ['noFile'],
      output: null,
    },
    {
      name: 'a service the file does not define',
      read: { 'common.yaml': 'services:\n  basis:\n    image: nginx:1.27\n' },
      code: `
services:
  web:
    extends:
      file: common.yaml
      service: base
               ~~~~
`,
      messageIds: ['noService'],
    },
    {
      name: 'a cycle in this file, reported on each service of it',
      code: `
services:
  a:
    extends: b
             ~
  b:
    extends:
      service: a
               ~
`,
      messageIds: ['cycle', 'cycle'],
      messages: ['`a` → `b` → `a`', '`b` → `a` → `b`'],
    },
    {
      name: 'a cycle through another file',
      read: { 'other.yaml': 'services:\n  b:\n    extends:\n      file: compose.yaml\n      service: a\n' },
      code: `
services:
  a:
    image: nginx:1.27
    extends:
      file: other.yaml
      service: b
               ~
`,
      messages: ['`a` → `b` (other.yaml) → `a`'],
    },
    {
      name: 'a file outside the workspace is said not to be read',
      outside: ['../base.yaml'],
      code: `
services:
  web:
    extends:
      file: ../base.yaml
            ~~~~~~~~~~~~
      service: base
`,
      messageIds: ['outside'],
    },
  ],
});
