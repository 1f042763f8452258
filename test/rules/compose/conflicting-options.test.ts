import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import rule from '../../../server/src/rules/compose/conflicting-options';
import { runComposeRule, testComposeRule } from '../../helpers/compose-tester';

// Each case is one return of compose-go loader/validate.go checkConsistency (e70e961).
testComposeRule(rule, {
  valid: [
    {
      name: 'network_mode alone',
      code: 'services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n',
    },
    {
      name: 'network_mode with an empty networks map',
      code: 'services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n    networks: {}\n',
    },
    {
      name: 'equal cpus and deploy limit (float32 like compose-go)',
      code: 'services:\n  web:\n    image: nginx:1.27\n    cpus: 0.5\n    deploy:\n      resources:\n        limits:\n          cpus: "0.50"\n',
    },
    {
      name: 'mem_limit equal to the deploy limit in other units',
      code: 'services:\n  web:\n    image: nginx:1.27\n    mem_limit: 1g\n    deploy:\n      resources:\n        limits:\n          memory: 1024M\n',
    },
    {
      name: 'cpus with deploy but no limits section',
      code: 'services:\n  web:\n    image: nginx:1.27\n    cpus: 1\n    deploy:\n      replicas: 1\n',
    },
    {
      name: 'cpus from a variable .env does not set',
      code: 'services:\n  web:\n    image: nginx:1.27\n    cpus: ${CPUS}\n    deploy:\n      resources:\n        limits:\n          memory: 1g\n',
    },
    {
      name: 'scale equal to replicas',
      code: 'services:\n  web:\n    image: nginx:1.27\n    scale: 2\n    deploy:\n      replicas: 2\n',
    },
    {
      name: 'container_name with one replica',
      code: 'services:\n  web:\n    image: nginx:1.27\n    container_name: web\n    deploy:\n      replicas: 1\n',
    },
    {
      name: 'dockerfile_inline alone',
      code: 'services:\n  web:\n    build:\n      context: .\n      dockerfile_inline: FROM nginx:1.27\n',
    },
    {
      name: 'platform listed in build.platforms',
      code: 'services:\n  web:\n    platform: linux/amd64\n    build:\n      context: .\n      platforms: [linux/amd64, linux/arm64]\n',
    },
    {
      name: 'watch rebuild and restart need no target; sync with one',
      code: 'services:\n  web:\n    build: .\n    develop:\n      watch:\n        - action: rebuild\n          path: package.json\n        - action: restart\n          path: conf\n        - action: sync\n          path: src\n          target: /app/src\n',
    },
    {
      name: 'two volumes on one target are merged by compose-go (the last wins)',
      code: 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - a:/data\n      - b:/data\nvolumes:\n  a: {}\n  b: {}\n',
    },
    {
      name: 'the same tmpfs twice is one item',
      code: 'services:\n  web:\n    image: nginx:1.27\n    tmpfs:\n      - /run\n      - /run\n',
    },
  ],
  invalid: [
    {
      name: 'network_mode with networks',
      code: `
services:
  web:
    image: nginx:1.27
    network_mode: host
    ~~~~~~~~~~~~
    networks: [front]
networks:
  front: {}
`,
      messageIds: ['networkMode'],
      output: null,
    },
    {
      name: 'cpus against deploy limits without cpus (0), and different memory',
      code: `
services:
  web:
    image: nginx:1.27
    cpus: 0.5
    ~~~~
    mem_limit: 512m
    ~~~~~~~~~
    deploy:
      resources:
        limits:
          memory: 256m
`,
      messageIds: ['twin', 'twin'],
      messages: ['to nothing (0)', 'to 256m'],
    },
    {
      name: 'mem_reservation and pids_limit',
      code: `
services:
  web:
    image: nginx:1.27
    mem_reservation: 64m
    ~~~~~~~~~~~~~~~
    pids_limit: 100
    ~~~~~~~~~~
    deploy:
      resources:
        limits:
          pids: 50
        reservations:
          memory: 128m
`,
    },
    {
      name: 'scale against deploy.replicas, container_name with scale',
      code: `
services:
  web:
    image: nginx:1.27
    container_name: web
    ~~~~~~~~~~~~~~
    scale: 2
    ~~~~~
    deploy:
      replicas: 3
`,
      messageIds: ['containerName', 'scale'],
    },
    {
      name: 'container_name with deploy.replicas',
      code: `
services:
  web:
    image: nginx:1.27
    container_name: web
    ~~~~~~~~~~~~~~
    deploy:
      replicas: 2
`,
    },
    {
      name: 'dockerfile with dockerfile_inline',
      code: `
services:
  web:
    build:
      context: .
      dockerfile: Dockerfile
      dockerfile_inline: FROM nginx:1.27
      ~~~~~~~~~~~~~~~~~
`,
    },
    {
      name: 'platform missing from build.platforms',
      code: `
services:
  web:
    platform: linux/arm64
              ~~~~~~~~~~~
    build:
      context: .
      platforms: [linux/amd64]
`,
    },
    {
      name: 'watch sync without target',
      code: `
services:
  web:
    build: .
    develop:
      watch:
        - path: src
          action: sync+restart
                  ~~~~~~~~~~~~
`,
    },
    {
      name: 'tmpfs and a volume on one target; tmpfs twice with different options',
      code: `
services:
  web:
    image: nginx:1.27
    tmpfs:
      - /run
      - /run:size=64k
        ~~~~~~~~~~~~~
    volumes:
      - type: tmpfs
        target: /run
                ~~~~
`,
      messageIds: ['mountedTwice', 'mountedTwice'],
    },
    {
      name: 'a conflict brought in by a merge key is reported where it is written',
      code: `
x-net: &net
  network_mode: host
  ~~~~~~~~~~~~
services:
  web:
    <<: *net
    image: nginx:1.27
    networks: [front]
networks:
  front: {}
`,
    },
  ],
});

describe('compose/conflicting-options severity', () => {
  const code =
    'services:\n  web:\n    image: nginx:1.27\n    profiles: [x]\n    network_mode: host\n    networks: [a]\n';
  it('is a warning for a service in a profile .env does not enable', () => {
    assert.deepEqual(
      runComposeRule(rule, code, { code }).map((f) => f.severity),
      ['warning'],
    );
  });
  it('is an error when COMPOSE_PROFILES enables all (*)', () => {
    const c = { code, read: { '.env': 'COMPOSE_PROFILES=*\n' } };
    assert.deepEqual(
      runComposeRule(rule, code, c).map((f) => f.severity),
      ['error'],
    );
  });
});
