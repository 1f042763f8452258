import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import rule from '../../../server/src/rules/compose/missing-image';
import { runComposeRule, testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n  api:\n    build: .\n',
    {
      name: 'override files add to services',
      fileName: 'compose.override.yml',
      code: 'services:\n  web:\n    ports:\n      - "8080:80"\n',
    },
    {
      name: 'extends inherits',
      code: 'services:\n  base:\n    image: nginx:1.27\n  web:\n    extends: base\n',
    },
    { name: 'from an anchor', code: 'x-img: &img\n  image: nginx:1.27\nservices:\n  web:\n    <<: *img\n' },
    { name: 'a service written as a string is the schema rule’s finding', code: 'services:\n  web: nginx\n' },
    {
      name: 'the image is in the override file Compose merges over this one',
      read: { 'compose.override.yaml': 'services:\n  web:\n    image: nginx:1.27\n' },
      code: 'services:\n  web:\n    ports:\n      - "8080:80"\n',
    },
    {
      name: 'the build is in a file COMPOSE_FILE lists, with its own separator',
      read: {
        '.env': 'COMPOSE_PATH_SEPARATOR=;\nCOMPOSE_FILE=compose.yaml;build/compose.build.yaml\n',
        'build/compose.build.yaml': 'services:\n  web:\n    build: ..\n',
      },
      code: 'services:\n  web:\n    ports:\n      - "8080:80"\n',
    },
    {
      name: 'an override file that exists but cannot be read: unknown, quiet',
      files: ['compose.override.yaml'],
      code: 'services:\n  web:\n    ports:\n      - "8080:80"\n',
    },
    { name: 'provider services', code: 'services:\n  db:\n    provider:\n      type: awesomecloud\n' },
    {
      name: 'extends a service of another file that has the image',
      read: { 'common/base.yaml': 'services:\n  base:\n    image: nginx:1.27\n' },
      code: 'services:\n  web:\n    extends:\n      file: common/base.yaml\n      service: base\n',
    },
    {
      name: 'extends a file that cannot be read',
      code: 'services:\n  web:\n    extends:\n      file: common/base.yaml\n      service: base\n',
    },
  ],
  invalid: [
    {
      name: 'the whole extends chain, through another file, gives neither image nor build',
      read: {
        'common/base.yaml': 'services:\n  base:\n    extends:\n      file: root.yaml\n      service: root\n',
        'common/root.yaml': 'services:\n  root:\n    restart: always\n',
      },
      code: `
services:
  web:
  ~~~
    extends:
      file: common/base.yaml
      service: base
`,
      output: null,
    },
    {
      name: 'the override file is read and does not name an image either',
      read: { 'compose.override.yaml': 'services:\n  web:\n    environment:\n      A: "1"\n' },
      code: `
services:
  web:
  ~~~
    ports:
      - "8080:80"
`,
      output: null,
    },
    {
      name: 'COMPOSE_FILE replaces the default files: an override it does not list is not merged',
      read: {
        '.env': 'COMPOSE_FILE=compose.yaml:compose.db.yaml\n',
        'compose.db.yaml': 'services:\n  db:\n    image: postgres:16\n',
        'compose.override.yaml': 'services:\n  web:\n    image: nginx:1.27\n',
      },
      code: `
services:
  web:
  ~~~
    ports:
      - "8080:80"
`,
      output: null,
    },
    {
      name: 'no image, no Dockerfile beside: no fix',
      code: `
services:
  web:
  ~~~
    ports:
      - "8080:80"
`,
      output: null,
    },
    {
      name: 'builds from the Dockerfile beside it, CRLF and comments kept',
      files: ['Dockerfile'],
      code: 'services:\r\n  web:\r\n    # public\r\n    ports:\r\n      - "8080:80"\r\n',
      ranges: ['1:2-1:5'],
      output: 'services:\r\n  web:\r\n    # public\r\n    ports:\r\n      - "8080:80"\r\n    build: .\r\n',
    },
  ],
});

describe('compose/missing-image behind a profile', () => {
  it('is a warning: Compose checks the service only when its profile is enabled', () => {
    const code =
      'services:\n  web:\n    image: nginx:1.27\n  debug:\n    profiles: [debug]\n    command: sh\n';
    assert.deepEqual(
      runComposeRule(rule, code, { code }).map((f) => [f.severity, f.range.start.line]),
      [['warning', 3]],
    );
  });
});
