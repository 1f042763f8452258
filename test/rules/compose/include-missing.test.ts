import rule from '../../../server/src/rules/compose/include-missing';
import { testComposeRule } from '../../helpers/compose-tester';

// compose-go loader/include.go ApplyInclude: every path is loaded, every env_file is stat'ed.
testComposeRule(rule, {
  valid: [
    { code: 'include:\n  - db/compose.yaml\nservices: {}\n', files: ['db/compose.yaml'] },
    {
      name: 'long form with several files and an env_file',
      code: 'include:\n  - path: [a.yaml, b.yaml]\n    env_file: a.env\n    project_directory: sub\n',
      files: ['a.yaml', 'b.yaml', 'a.env'],
    },
    {
      name: 'remote includes are fetched, not files',
      code: 'include:\n  - oci://registry/app:1\n  - git@github.com:a/b.git\n',
    },
    { name: 'a path from a variable .env does not set', code: 'include:\n  - ${DIR}/compose.yaml\n' },
    {
      name: 'env_file /dev/null is skipped by compose-go',
      code: 'include:\n  - path: a.yaml\n    env_file: /dev/null\n',
      files: ['a.yaml'],
    },
    { name: 'a host that cannot tell', code: 'include:\n  - a.yaml\n', unknownFiles: true },
  ],
  invalid: [
    {
      name: 'missing short and long form paths, and a missing env_file',
      code: `
include:
  - db/compose.yaml
    ~~~~~~~~~~~~~~~
  - path:
      - cache.yaml
      - cache.override.yaml
        ~~~~~~~~~~~~~~~~~~~
    env_file: cache.env
              ~~~~~~~~~
`,
      files: ['cache.yaml'],
      messageIds: ['missing', 'missing', 'envMissing'],
      output: null,
    },
    {
      name: 'a path .env resolves',
      read: { '.env': 'DIR=db\n' },
      code: `
include:
  - \${DIR}/compose.yaml
    ~~~~~~~~~~~~~~~~~~~
`,
      messages: ['`db/compose.yaml`'],
    },
    {
      name: 'a file outside the workspace is said not to be read',
      outside: ['../shared/compose.yaml'],
      code: `
include:
  - ../shared/compose.yaml
    ~~~~~~~~~~~~~~~~~~~~~~
`,
      messageIds: ['outside'],
    },
  ],
});
