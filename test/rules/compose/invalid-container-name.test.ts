import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import rule from '../../../server/src/rules/compose/invalid-container-name';
import { runComposeRule, testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    'services:\n  a:\n    image: nginx:1.27\n    container_name: app-a\n  b:\n    image: nginx:1.27\n    container_name: app_b.1\n',
    {
      name: 'profiles never enabled together',
      code: 'services:\n  a:\n    image: nginx:1.27\n    profiles: [x]\n    container_name: app\n  b:\n    image: nginx:1.27\n    profiles: [y]\n    container_name: app\n',
    },
    {
      name: 'a variable .env does not set',
      code: 'services:\n  a:\n    image: nginx:1.27\n    container_name: ${NAME}\n',
    },
  ],
  invalid: [
    {
      name: 'duplicate and invalid names',
      code: `
services:
  a:
    image: nginx:1.27
    container_name: app
  b:
    image: nginx:1.27
    container_name: app
                    ~~~
  c:
    image: nginx:1.27
    container_name: "my app"
                    ~~~~~~~~
  d:
    image: nginx:1.27
    container_name: x
                    ~
`,
      messageIds: ['duplicate', 'invalid', 'invalid'],
      output: null,
    },
  ],
});

describe('compose/invalid-container-name aliases', () => {
  it('answers to the dclint check of each finding', () => {
    const code =
      'services:\n  a:\n    image: nginx:1.27\n    container_name: app\n  b:\n    image: nginx:1.27\n    container_name: app\n  c:\n    image: nginx:1.27\n    container_name: -c\n';
    assert.deepEqual(
      runComposeRule(rule, code, { code }).map((f) => f.aliases),
      [['dclint:no-duplicate-container-names'], ['dclint:service-container-name-regex']],
    );
  });
});
