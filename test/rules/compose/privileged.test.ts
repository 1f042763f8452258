import rule from '../../../server/src/rules/compose/privileged';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    'services:\n  a:\n    image: x:1\n    privileged: false\n',
    { name: 'a variable', code: 'services:\n  a:\n    image: x:1\n    privileged: ${PRIVILEGED:-false}\n' },
    {
      name: 'silenced with a reason',
      code: 'services:\n  dind:\n    image: docker:27-dind\n    # shipshape-ignore compose/privileged -- Docker in Docker needs it\n    privileged: true\n',
    },
  ],
  invalid: [
    {
      name: 'removed, comment above kept',
      code: `
services:
  agent:
    image: busybox:1.36
    # needs devices
    privileged: true
    ~~~~~~~~~~~~~~~~
    restart: always
`,
      output: 'services:\n  agent:\n    image: busybox:1.36\n    # needs devices\n    restart: always\n',
    },
    {
      name: 'CRLF, quoted',
      code: 'services:\r\n  agent:\r\n    image: busybox:1.36\r\n    privileged: "true"\r\n',
      ranges: ['3:4-3:22'],
      output: 'services:\r\n  agent:\r\n    image: busybox:1.36\r\n',
    },
    {
      name: 'from an anchor: reported on the anchor, not removed',
      code: 'x-p: &p\n  privileged: true\nservices:\n  a:\n    <<: *p\n    image: x:1\n',
      ranges: ['1:14-1:18'],
      output: null,
    },
  ],
});
