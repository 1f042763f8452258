import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import rule from '../../../server/src/rules/compose/invalid-healthcheck-test';
import { runComposeRule, testComposeRule } from '../../helpers/compose-tester';

// compose-go loader/validate.go checkConsistency: Test[0] must be CMD, CMD-SHELL or NONE;
// types/healthcheck.go: a string test is decoded as [CMD-SHELL, <string>].
testComposeRule(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost/"]\n',
    'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]\n',
    'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ["NONE"]\n',
    {
      name: 'a string is CMD-SHELL for compose-go',
      code: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: curl -f http://localhost/\n',
    },
    {
      name: 'an empty list',
      code: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: []\n',
    },
    {
      name: 'a first item from a variable .env does not set',
      code: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ["${KIND}", "true"]\n',
    },
    {
      name: 'a first item .env resolves to CMD',
      read: { '.env': 'KIND=CMD\n' },
      code: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ["${KIND}", "true"]\n',
    },
  ],
  invalid: [
    {
      name: 'flow list: CMD is prepended in the same quotes',
      code: `
services:
  web:
    image: nginx:1.27
    healthcheck:
      test: ["curl", "-f", "http://localhost/"]
             ~~~~~~
`,
      messageIds: ['kind'],
      output:
        'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost/"]\n',
    },
    {
      name: 'block list, CRLF, comment kept',
      code: 'services:\r\n  web:\r\n    image: nginx:1.27\r\n    healthcheck:\r\n      test: # probe\r\n        - pg_isready\r\n        - -U\r\n        - app\r\n',
      ranges: ['5:10-5:20'],
      output:
        'services:\r\n  web:\r\n    image: nginx:1.27\r\n    healthcheck:\r\n      test: # probe\r\n        - CMD\r\n        - pg_isready\r\n        - -U\r\n        - app\r\n',
    },
    {
      name: 'one item holding a command line gets CMD-SHELL',
      code: `
services:
  web:
    image: nginx:1.27
    healthcheck:
      test: [curl -f http://localhost/ || exit 1]
             ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
`,
      output:
        'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: [CMD-SHELL, curl -f http://localhost/ || exit 1]\n',
    },
    {
      name: 'lower-case cmd is not CMD',
      code: `
services:
  web:
    image: nginx:1.27
    healthcheck:
      test: ['cmd', 'true']
             ~~~~~
`,
      output:
        "services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ['CMD', 'cmd', 'true']\n",
    },
    {
      name: 'a shared anchor is reported once, where it is written',
      code: `
x-hc: &hc
  test: [wget, -q, http://localhost/]
         ~~~~
services:
  a:
    image: nginx:1.27
    healthcheck: *hc
  b:
    image: nginx:1.27
    healthcheck: *hc
`,
      output:
        'x-hc: &hc\n  test: [CMD, wget, -q, http://localhost/]\nservices:\n  a:\n    image: nginx:1.27\n    healthcheck: *hc\n  b:\n    image: nginx:1.27\n    healthcheck: *hc\n',
    },
  ],
});

describe('compose/invalid-healthcheck-test severity', () => {
  const code =
    'services:\n  dbg:\n    image: busybox:1.36\n    profiles: [debug]\n    healthcheck:\n      test: ["true"]\n';
  it('is a warning for a service whose profile .env does not enable', () => {
    assert.deepEqual(
      runComposeRule(rule, code, { code }).map((f) => f.severity),
      ['warning'],
    );
  });
  it('is an error once COMPOSE_PROFILES enables it', () => {
    const c = { code, read: { '.env': 'COMPOSE_PROFILES=debug\n' } };
    assert.deepEqual(
      runComposeRule(rule, code, c).map((f) => f.severity),
      ['error'],
    );
  });
});
