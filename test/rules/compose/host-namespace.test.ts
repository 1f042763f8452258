import rule from '../../../server/src/rules/compose/host-namespace';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    'services:\n  a:\n    image: x:1\n    pid: "service:b"\n  b:\n    image: x:1\n    ipc: shareable\n',
    'services:\n  a:\n    image: x:1\n    network_mode: "container:b"\n  b:\n    image: x:1\n    network_mode: bridge\n',
    {
      name: 'a variable without a value',
      code: 'services:\n  a:\n    image: x:1\n    network_mode: ${MODE}\n',
    },
    {
      name: 'silenced with a reason',
      code: 'services:\n  exporter:\n    image: prom/node-exporter:v1.8.2\n    # shipshape-ignore compose/host-namespace -- reads host metrics\n    pid: host\n',
    },
  ],
  invalid: [
    {
      name: 'pid, removed with the comment above kept',
      code: `
services:
  agent:
    image: busybox:1.36
    # debug
    pid: host
    ~~~~~~~~~
    restart: always
`,
      messages: ['process namespace'],
      output: 'services:\n  agent:\n    image: busybox:1.36\n    # debug\n    restart: always\n',
    },
    {
      name: 'every namespace, each its own finding',
      code: `
services:
  a:
    image: x:1
    ipc: host
    ~~~~~~~~~
    network_mode: host
    ~~~~~~~~~~~~~~~~~~
    uts: host
    ~~~~~~~~~
    userns_mode: "host"
    ~~~~~~~~~~~~~~~~~~~
`,
      messages: ['IPC namespace', 'network stack', 'UTS namespace', 'user namespace'],
    },
    {
      name: 'from .env',
      code: 'services:\n  a:\n    image: x:1\n    network_mode: ${NET}\n',
      read: { '.env': 'NET=host\n' },
      ranges: ['3:4-3:24'],
      output: 'services:\n  a:\n    image: x:1\n',
    },
    {
      name: 'CRLF',
      code: 'services:\r\n  a:\r\n    image: x:1\r\n    pid: host\r\n    init: true\r\n',
      ranges: ['3:4-3:13'],
      output: 'services:\r\n  a:\r\n    image: x:1\r\n    init: true\r\n',
    },
    {
      name: 'from an anchor: reported on the anchor once, not removed',
      code: 'x-h: &h\n  pid: host\nservices:\n  a:\n    <<: *h\n    image: x:1\n  b:\n    <<: *h\n    image: x:1\n',
      ranges: ['1:7-1:11'],
      output: null,
    },
  ],
});
