import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import rule from '../../../server/src/rules/compose/env-file-missing';
import { runComposeRule, testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    { code: 'services:\n  web:\n    image: nginx:1.27\n    env_file: web.env\n', files: ['web.env'] },
    {
      name: 'required: false is honoured',
      code: 'services:\n  web:\n    image: nginx:1.27\n    env_file:\n      - path: .env.local\n        required: false\n',
    },
    {
      name: 'unknown files',
      code: 'services:\n  web:\n    image: nginx:1.27\n    env_file: web.env\n',
      unknownFiles: true,
    },
    {
      name: 'a variable .env does not set',
      code: 'services:\n  web:\n    image: nginx:1.27\n    env_file: ${ENV}.env\n',
    },
  ],
  invalid: [
    {
      name: 'string, list and long form',
      code: `
services:
  web:
    image: nginx:1.27
    env_file: web.env
              ~~~~~~~
  api:
    image: nginx:1.27
    env_file:
      - common.env
      - path: api.env
              ~~~~~~~
        required: true
`,
      files: ['common.env'],
      messageIds: ['missing', 'missing'],
      output: null,
    },
    {
      name: 'outside the workspace: not read',
      outside: ['../secrets.env'],
      code: `
services:
  web:
    image: nginx:1.27
    env_file: ../secrets.env
              ~~~~~~~~~~~~~~
`,
      messageIds: ['outside'],
    },
  ],
});

describe('compose/env-file-missing severity', () => {
  it('is info for a file outside the workspace, warning in an inactive profile', () => {
    const code =
      'services:\n  a:\n    image: nginx:1.27\n    env_file: ../x.env\n  b:\n    image: nginx:1.27\n    profiles: [p]\n    env_file: b.env\n';
    const found = runComposeRule(rule, code, { code, outside: ['../x.env'] });
    assert.deepEqual(
      found.map((f) => f.severity),
      ['info', 'warning'],
    );
  });
});
