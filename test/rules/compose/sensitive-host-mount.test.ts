import rule from '../../../server/src/rules/compose/sensitive-host-mount';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    'services:\n  a:\n    image: x:1\n    volumes:\n      - /etc/localtime:/etc/localtime:ro\n      - /etc/timezone:/etc/timezone:ro\n      - ./etc:/etc/app\n      - data:/var/lib/data\n      - /srv/app:/app\n',
    {
      name: 'the Docker socket is another rule',
      code: 'services:\n  a:\n    image: x:1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n',
    },
    {
      name: 'an unresolved variable',
      code: 'services:\n  a:\n    image: x:1\n    volumes:\n      - ${ROOT}:/rootfs\n',
    },
    {
      name: 'a target, not a source',
      code: 'services:\n  a:\n    image: x:1\n    volumes:\n      - /data:/etc\n      - /proc\n',
    },
  ],
  invalid: [
    {
      name: 'writable, in short and long syntax',
      code: `
services:
  a:
    image: x:1
    volumes:
      - /:/host
        ~~~~~~~
      - "/var/lib/docker/:/var/lib/docker:rw,z"
        ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
      - type: bind
        source: /proc
        target: /host/proc
`,
      ranges: ['6:8-8:26'],
      messageIds: ['writable', 'writable', 'writable'],
      output: null,
    },
    {
      name: 'read-only: reported, nothing to fix',
      code: `
services:
  exporter:
    image: prom/node-exporter:v1.8.2
    volumes:
      - /sys:/host/sys:ro
        ~~~~~~~~~~~~~~~~~
      - /etc/shadow:/etc/shadow:ro
        ~~~~~~~~~~~~~~~~~~~~~~~~~~
`,
      messageIds: ['readOnly', 'readOnly'],
      output: null,
    },
    {
      name: 'from .env, CRLF',
      code: 'services:\r\n  a:\r\n    image: x:1\r\n    volumes:\r\n      - ${HOST_ETC}:/host/etc\r\n',
      read: { '.env': 'HOST_ETC=/etc\n' },
      ranges: ['4:8-4:29'],
      output: null,
    },
  ],
});
