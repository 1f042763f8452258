import rule from '../../../server/src/rules/compose/docker-socket';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    'services:\n  a:\n    image: x:1\n    volumes:\n      - ./data:/data\n      - docker_data:/var/lib/docker\nvolumes:\n  docker_data:\n',
    {
      name: 'a socket-named volume that is not the Docker one',
      code: 'services:\n  a:\n    image: x:1\n    volumes:\n      - /run/app.sock:/run/app.sock\n',
    },
  ],
  invalid: [
    {
      name: 'read-only does not help; other mounts and comments kept',
      code: `
services:
  proxy:
    image: traefik:v3.1
    volumes:
      # labels are read from the API
      - /var/run/docker.sock:/var/run/docker.sock:ro
        ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
      - ./traefik.yml:/etc/traefik/traefik.yml:ro
`,
      output:
        'services:\n  proxy:\n    image: traefik:v3.1\n    volumes:\n      # labels are read from the API\n      - ./traefik.yml:/etc/traefik/traefik.yml:ro\n',
    },
    {
      name: 'the only mount: the key goes too; long syntax; CRLF',
      code: 'services:\r\n  runner:\r\n    image: gitlab/gitlab-runner:v17.5.0\r\n    volumes:\r\n      - type: bind\r\n        source: /var/run/docker.sock\r\n        target: /var/run/docker.sock\r\n    restart: always\r\n',
      ranges: ['4:8-6:36'],
      output: 'services:\r\n  runner:\r\n    image: gitlab/gitlab-runner:v17.5.0\r\n    restart: always\r\n',
    },
  ],
});
