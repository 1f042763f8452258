import rule from '../../../server/src/rules/compose/duplicate-published-port';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    {
      name: 'different ports',
      code: 'services:\n  a:\n    image: x:1\n    ports: ["8080:80"]\n  b:\n    image: x:1\n    ports: ["8081:80"]\n',
    },
    {
      name: 'tcp and udp',
      code: 'services:\n  a:\n    image: x:1\n    ports: ["53:53/tcp"]\n  b:\n    image: x:1\n    ports: ["53:53/udp"]\n',
    },
    {
      name: 'different host addresses',
      code: 'services:\n  a:\n    image: x:1\n    ports: ["127.0.0.1:8080:80"]\n  b:\n    image: x:1\n    ports: ["192.168.1.10:8080:80"]\n',
    },
    {
      name: 'unpublished container ports',
      code: 'services:\n  a:\n    image: x:1\n    ports: ["80"]\n  b:\n    image: x:1\n    ports: ["80"]\n',
    },
    {
      name: 'profiles never active together',
      code: 'services:\n  a:\n    image: x:1\n    profiles: [dev]\n    ports: ["8080:80"]\n  b:\n    image: x:1\n    profiles: [prod]\n    ports: ["8080:80"]\n',
    },
    {
      name: 'variables',
      code: 'services:\n  a:\n    image: x:1\n    ports: ["${PORT}:80"]\n  b:\n    image: x:1\n    ports: ["${PORT}:80"]\n',
    },
  ],
  invalid: [
    {
      name: 'one host port for two container ports of one service',
      code: `
services:
  web:
    image: nginx:1.27
    ports:
      - "8080:80"
      - "8080:81"
        ~~~~~~~~~
      - "8080:80"
`,
      messageIds: ['twiceInService'],
    },
    {
      name: 'a fixed host port with several replicas (a range is fine)',
      code: `
services:
  web:
    image: nginx:1.27
    scale: 3
    ports:
      - "9090:80"
        ~~~~~~~~~
      - "9100-9103:81"
  api:
    image: nginx:1.27
    deploy:
      replicas: 2
    ports:
      - 127.0.0.1:7000:80
        ~~~~~~~~~~~~~~~~~
`,
      messageIds: ['replicas', 'replicas'],
    },
    {
      name: 'the same host port twice',
      code: `
services:
  web:
    image: nginx:1.27
    ports:
      - "8080:80"
  admin:
    image: nginx:1.27
    ports:
      - "8080:8080"
        ~~~~~~~~~~~
`,
      messages: ['already published by service `web` (line 5)'],
      output: null,
    },
    {
      name: 'a range overlapping, long syntax, all interfaces against one address',
      code: `
services:
  a:
    image: x:1
    ports:
      - "9000-9005:9000-9005"
  b:
    image: x:1
    ports:
      - target: 80
        published: "9003"
                   ~~~~~~
        host_ip: 127.0.0.1
`,
      ranges: [],
    },
    {
      name: 'values resolved from .env',
      read: { '.env': 'PORT=8080\n' },
      code: `
services:
  a:
    image: x:1
    ports: ["\${PORT}:80"]
  b:
    image: x:1
    ports: ["8080:80"]
            ~~~~~~~~~
`,
    },
  ],
});
