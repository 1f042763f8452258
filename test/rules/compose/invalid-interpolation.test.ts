import rule from '../../../server/src/rules/compose/invalid-interpolation';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    {
      name: 'every valid form',
      code: `
services:
  web:
    image: \${REGISTRY:-docker.io}/nginx:\${TAG-1.27}
    command: sh -c 'echo $$1 and $$HOME'
    environment:
      A: $HOME
      B: \${B:?B must be set}
      C: \${C:+set}
      D: \${D+x}
      E: \${E?}
      F: \${F:-\${G:-\${H:-deep}}}
      PRICE: costs $$5
`,
    },
    { name: 'a dollar in a comment', code: '# costs $5\nservices:\n  web:\n    image: nginx:1.27 # $1\n' },
    {
      name: 'keys are not interpolated',
      code: 'services:\n  web:\n    image: nginx:1.27\n    labels:\n      $weird: "1"\n',
    },
    {
      name: 'a block scalar with valid variables',
      code: 'services:\n  web:\n    image: busybox:1.36\n    command: |\n      echo ${MESSAGE:-hi}\n      echo $$PATH\n',
    },
  ],
  invalid: [
    {
      name: 'a shell positional parameter',
      code: `
services:
  web:
    image: busybox:1.36
    command: sh -c 'echo $1'
                         ~~
`,
      output: "services:\n  web:\n    image: busybox:1.36\n    command: sh -c 'echo $$1'\n",
    },
    {
      name: 'an unclosed brace has no fix',
      code: `
services:
  web:
    image: nginx:\${TAG
                 ~~~~~
`,
      output: null,
    },
    {
      name: 'inside a nested default, in a list, CRLF',
      code: 'services:\r\n  web:\r\n    image: nginx:1.27\r\n    environment:\r\n      - A=${A:-$(date)}\r\n',
      ranges: ['4:15-4:17'],
      output:
        'services:\r\n  web:\r\n    image: nginx:1.27\r\n    environment:\r\n      - A=${A:-$$(date)}\r\n',
    },
    {
      name: 'in an anchor, with comments kept',
      code: `
x-cmd: &cmd
  # the probe
  test: ["CMD-SHELL", "test $(id -u) = 0"]
                            ~~
services:
  web:
    image: nginx:1.27
    healthcheck: *cmd
`,
      output:
        'x-cmd: &cmd\n  # the probe\n  test: ["CMD-SHELL", "test $$(id -u) = 0"]\nservices:\n  web:\n    image: nginx:1.27\n    healthcheck: *cmd\n',
    },
    {
      name: 'empty braces',
      code: 'services:\n  web:\n    image: nginx:1.27\n    environment:\n      A: x${}y\n',
      ranges: ['4:10-4:13'],
      output: null,
    },
  ],
});
