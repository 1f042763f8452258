import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import rule from '../../../server/src/rules/compose/invalid-interpolation';
import { runComposeRule, testComposeRule } from '../../helpers/compose-tester';

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
      lower: \${lower_case}
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
    {
      name: 'dollars Compose keeps as written and no shell reads as its own: regex anchors, a trailing `$`, `$}`',
      code: `
services:
  proxy:
    image: traefik:v3.1
    labels:
      traefik.http.routers.api.rule: PathRegexp(\`^/api$\`)
      price: "5$"
      odd: "a$}b"
      path: "$/x"
      money: US$ 5
`,
    },
    {
      name: 'a default closed by the last brace on the line, as compose-go reads it',
      code: 'services:\n  web:\n    image: nginx:1.27\n    environment:\n      A: ${A:-{"k": 1}}\n',
    },
    {
      name: 'a `$` in a default is literal too',
      code: 'services:\n  web:\n    image: nginx:1.27\n    environment:\n      A: ${A:-$(date)}\n',
    },
  ],
  invalid: [
    {
      name: 'a shell positional parameter is kept by Compose: a hint with `$$`',
      code: `
services:
  web:
    image: busybox:1.36
    command: sh -c 'echo $1 "$@"'
                         ~~
                             ~~
`,
      messageIds: ['literal', 'literal'],
      output: 'services:\n  web:\n    image: busybox:1.36\n    command: sh -c \'echo $$1 "$$@"\'\n',
    },
    {
      name: 'command substitution, in an anchor, with comments kept',
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
      messageIds: ['literal'],
      output:
        'x-cmd: &cmd\n  # the probe\n  test: ["CMD-SHELL", "test $$(id -u) = 0"]\nservices:\n  web:\n    image: nginx:1.27\n    healthcheck: *cmd\n',
    },
    {
      name: 'an unclosed brace has no fix',
      code: `
services:
  web:
    image: nginx:\${TAG
                 ~~~~~
`,
      messageIds: ['invalid'],
      output: null,
    },
    {
      name: 'a default whose brace closes on no line',
      code: 'services:\n  web:\n    image: nginx:1.27\n    command: |\n      echo ${A:-x\n      }\n',
      ranges: ['4:11-4:17'],
      messageIds: ['invalid'],
      output: null,
    },
    {
      name: 'empty braces',
      code: 'services:\n  web:\n    image: nginx:1.27\n    environment:\n      A: x${}y\n',
      ranges: ['4:10-4:13'],
      messages: ['`${}`'],
      output: null,
    },
    {
      name: 'pattern substitution and a space after the brace',
      code: `
services:
  web:
    image: nginx:1.27
    environment:
      A: \${VAR/x/y}
         ~~~~~~~~~~
      B: \${ VAR}
         ~~~~~~~
`,
      messageIds: ['invalid', 'invalid'],
      messages: ['`/x/y` after `VAR`', 'must start with a letter'],
    },
    {
      name: 'in a default: a warning, CRLF',
      code: 'services:\r\n  web:\r\n    image: nginx:1.27\r\n    environment:\r\n      - A=${A:-${}}\r\n',
      ranges: ['4:15-4:18'],
      messageIds: ['invalidWhen'],
      messages: ['when `A` is unset or empty'],
      output: null,
    },
  ],
});

describe('compose/invalid-interpolation severities', () => {
  const cases: [string, string[]][] = [
    ['container_name: web${TAG', ['error']],
    ['environment: { A: "${A:-${}}" }', ['warning']],
    ["command: sh -c 'echo $1'", ['hint']],
    ['labels: { rule: "PathRegexp(`^/api$`)" }', []],
  ];
  for (const [line, severities] of cases)
    it(line, () => {
      const found = runComposeRule(rule, `services:\n  web:\n    image: nginx:1.27\n    ${line}\n`, {
        code: '',
      });
      assert.deepEqual(
        found.map((f) => f.severity),
        severities,
      );
    });
});
