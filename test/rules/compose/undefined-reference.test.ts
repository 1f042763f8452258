import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import rule from '../../../server/src/rules/compose/undefined-reference';
import { runComposeRule, testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    {
      name: 'a dependency enabled by COMPOSE_PROFILES, or marked required: false',
      read: { '.env': 'COMPOSE_PROFILES=dev\n' },
      code: 'services:\n  api:\n    image: nginx:1.27\n    depends_on: [debug]\n  debug:\n    image: busybox:1.36\n    profiles: [dev]\n',
    },
    {
      name: 'required: false on a service its profile leaves out',
      code: 'services:\n  api:\n    image: nginx:1.27\n    depends_on:\n      debug:\n        condition: service_started\n        required: false\n  debug:\n    image: busybox:1.36\n    profiles: [dev]\n',
    },
    {
      name: 'two services of the same profile',
      code: 'services:\n  api:\n    image: nginx:1.27\n    profiles: [dev]\n    depends_on: [debug]\n  debug:\n    image: busybox:1.36\n    profiles: [dev]\n',
    },
    {
      name: 'a declared model and a buildable context service',
      code: 'services:\n  api:\n    build:\n      context: .\n      additional_contexts: ["base=service:base"]\n    models:\n      llm:\n        endpoint_var: URL\n  base:\n    build: ./base\nmodels:\n  llm:\n    model: ai/llama3\n',
    },
    {
      name: 'an include that cannot be read may define anything',
      code: 'include:\n  - db/compose.yaml\nservices:\n  api:\n    image: nginx:1.27\n    depends_on: [db]\n',
    },
    {
      name: 'everything declared, every kind of reference',
      code: `
services:
  api:
    image: nginx:1.27
    depends_on:
      db:
        condition: service_healthy
    links:
      - db:database
    volumes_from:
      - db:ro
      - container:legacy
    networks:
      - default
      - backend
    volumes:
      - data:/data
      - ./site:/site
      - /var/log:/logs
      - /cache
    secrets:
      - token
      - source: cert
        target: /run/cert
    configs:
      - app_config
  db:
    image: postgres:16
    network_mode: service:api
networks:
  backend:
volumes:
  data:
secrets:
  token:
    file: ./token
  cert:
    file: ./cert
configs:
  app_config:
    file: ./app.conf
`,
    },
    {
      name: 'override files refer to the main file',
      fileName: 'compose.override.yaml',
      code: 'services:\n  api:\n    depends_on:\n      - db\n',
    },
    {
      name: 'a service and a network defined in the override file Compose merges',
      read: {
        'compose.override.yaml':
          'services:\n  db:\n    image: postgres:16\n    networks: [backend]\nnetworks:\n  backend:\n',
      },
      code: 'services:\n  api:\n    image: nginx:1.27\n    depends_on: [db]\n    networks: [backend]\n',
    },
    {
      name: 'a network defined in a file COMPOSE_FILE brings in',
      read: {
        '.env': 'COMPOSE_FILE=compose.yaml:./net/compose.net.yaml\n',
        'net/compose.net.yaml': 'networks:\n  edge:\n    external: true\n',
      },
      code: 'services:\n  api:\n    image: nginx:1.27\n    networks: [edge]\n',
    },
    {
      name: 'files with include',
      code: 'include:\n  - ./db.yaml\nservices:\n  api:\n    image: nginx:1.27\n    depends_on:\n      - db\n',
    },
    {
      name: 'extends from another file',
      code: 'services:\n  api:\n    extends:\n      file: base.yaml\n      service: base\n',
    },
    {
      name: 'names from variables',
      code: 'services:\n  api:\n    image: nginx:1.27\n    networks:\n      - ${NET:-backend}\nnetworks:\n  backend:\n',
    },
    {
      name: 'anchored lists are checked once, where written',
      code: 'x-deps: &deps\n  - db\nservices:\n  db:\n    image: postgres:16\n  api:\n    image: nginx:1.27\n    depends_on: *deps\n',
    },
    {
      name: 'several YAML documents, which Compose merges',
      code: 'services:\n  api:\n    image: nginx:1.27\n    depends_on:\n      - db\n---\nservices:\n  db:\n    image: postgres:16\n',
    },
  ],
  invalid: [
    {
      name: 'the override file is read and does not define it either: still an error',
      read: { 'compose.override.yaml': 'services:\n  api:\n    ports: ["80:80"]\n' },
      code: `
services:
  api:
    image: nginx:1.27
    depends_on: [db]
                 ~~
`,
    },
    {
      name: 'a typo in depends_on gets the closest service',
      code: `
services:
  api:
    image: nginx:1.27
    depends_on:
      - databse
        ~~~~~~~
  database:
    image: postgres:16
`,
      output:
        'services:\n  api:\n    image: nginx:1.27\n    depends_on:\n      - database\n  database:\n    image: postgres:16\n',
    },
    {
      name: 'an undeclared network is declared by the fix, comments kept',
      code: `
services:
  api:
    image: nginx:1.27
    networks:
      - backend # private
        ~~~~~~~
networks:
  # public side
  frontend:
`,
      output:
        'services:\n  api:\n    image: nginx:1.27\n    networks:\n      - backend # private\nnetworks:\n  # public side\n  frontend:\n  backend:\n',
    },
    {
      name: 'an undeclared volume with no volumes section, CRLF',
      code: 'services:\r\n  db:\r\n    image: postgres:16\r\n    volumes:\r\n      - pgdata:/var/lib/postgresql/data\r\n',
      ranges: ['4:8-4:39'],
      output:
        'services:\r\n  db:\r\n    image: postgres:16\r\n    volumes:\r\n      - pgdata:/var/lib/postgresql/data\r\nvolumes:\r\n  pgdata:\r\n',
    },
    {
      name: 'links, extends, network_mode, volumes_from, secrets and configs',
      code: `
services:
  api:
    image: nginx:1.27
    links:
      - cache:redis
        ~~~~~~~~~~~
    network_mode: service:proxy
                          ~~~~~
    volumes_from:
      - files
        ~~~~~
    secrets:
      - source: token
                ~~~~~
    configs:
      - conf
        ~~~~
  worker:
    extends: base
             ~~~~
`,
      messageIds: ['undefined', 'undefined', 'undefined', 'undefined', 'undefined', 'undefined'],
    },
    {
      name: 'models, additional contexts and a required dependency on a service its profile leaves out',
      code: `
services:
  api:
    build:
      context: .
      additional_contexts:
        base: service:bse
                      ~~~
        img: service:web
             ~~~~~~~~~~~
    models: [llm]
             ~~~
    depends_on:
      - debug
        ~~~~~
      - web
  web:
    image: nginx:1.27
  debug:
    image: busybox:1.36
    profiles: [dev]
models:
  llama: {}
`,
      messageIds: ['undefined', 'notBuildable', 'undefined', 'inactive'],
    },
    {
      name: 'a file whose include:s were all read: their names count, the others are reported',
      read: { 'db/compose.yaml': 'services:\n  db:\n    image: postgres:16\nnetworks:\n  back: {}\n' },
      code: `
include:
  - db/compose.yaml
services:
  api:
    image: nginx:1.27
    depends_on: [db, cache]
                     ~~~~~
    networks: [back]
`,
    },
    {
      name: 'required: false on an undefined service is still an error for compose-go',
      code: `
services:
  api:
    image: nginx:1.27
    depends_on:
      cache:
      ~~~~~
        condition: service_started
        required: false
`,
      output: null,
    },
  ],
});

describe('compose/undefined-reference with files Compose merges', () => {
  const code = 'services:\n  api:\n    image: nginx:1.27\n    depends_on: [db]\n';
  it('is an error when every merged file was read', () => {
    const found = runComposeRule(rule, code, {
      code,
      read: { 'compose.override.yaml': 'services:\n  api:\n    ports: ["80:80"]\n' },
    });
    assert.deepEqual(
      found.map((f) => f.severity),
      ['error'],
    );
  });
  it('is a warning when a listed file cannot be read', () => {
    const found = runComposeRule(rule, code, {
      code,
      read: { '.env': 'COMPOSE_FILE=compose.yaml:compose.db.yaml\n' },
      files: ['compose.db.yaml'],
    });
    assert.deepEqual(
      found.map((f) => f.severity),
      ['warning'],
    );
  });
});

describe('compose/undefined-reference from a service behind a profile', () => {
  it('is a warning: Compose checks the service only when its profile is enabled', () => {
    const code =
      'services:\n  debug:\n    image: busybox:1.36\n    profiles: [debug]\n    networks: [tools]\n';
    assert.deepEqual(
      runComposeRule(rule, code, { code }).map((f) => f.severity),
      ['warning'],
    );
  });
});
