import rule from '../../../server/src/rules/compose/secret-without-source';
import { testComposeRule } from '../../helpers/compose-tester';

// compose-go loader/validate.go: `secret %q must declare either `file` or `environment``.
testComposeRule(rule, {
  valid: [
    'secrets:\n  a:\n    file: ./a.txt\n  b:\n    environment: B\n  c:\n    external: true\n  d:\n    external: true\n    name: prod_d\n',
    { name: 'override files add sources', fileName: 'compose.override.yaml', code: 'secrets:\n  a: {}\n' },
    {
      name: 'the override file Compose merges declares it',
      read: { 'compose.override.yaml': 'secrets:\n  a:\n    file: a.txt\n' },
      code: 'secrets:\n  a: {}\n',
    },
  ],
  invalid: [
    {
      name: 'empty, labels only, external: false',
      code: `
secrets:
  a:
  ~
  b:
  ~
    labels: [x]
  c: {external: false}
  ~
`,
      messageIds: ['noSource', 'noSource', 'noSource'],
      output: null,
    },
  ],
});
