import rule from '../../../server/src/rules/compose/invalid-port';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    {
      name: 'every valid form',
      code: `
services:
  web:
    image: nginx:1.27
    ports:
      - 80
      - "443"
      - "8080:80"
      - "127.0.0.1:8081:80"
      - "[::1]:8082:80"
      - "::1:8083:80"
      - "9000-9005:9000-9005"
      - "9100-9110:9100"
      - "5353:53/udp"
      - "127.0.0.1::5432"
      - target: 80
        published: "8084"
        host_ip: 0.0.0.0
        protocol: tcp
      - "\${PORT:-8085}:80"
      - "\${UNKNOWN}:80"
`,
    },
  ],
  invalid: [
    {
      name: 'above 65535',
      code: `
services:
  web:
    image: nginx:1.27
    ports:
      - "80800:80"
        ~~~~~~~~~~
`,
      messages: ['80800 is above 65535'],
      output: null,
    },
    {
      name: 'a word, a protocol, an address, ranges of different lengths',
      code: `
services:
  web:
    image: nginx:1.27
    ports:
      - "http:80"
        ~~~~~~~~~
      - "80:80/http"
        ~~~~~~~~~~~~
      - "localhost:80:80"
        ~~~~~~~~~~~~~~~~~
      - "8000-8002:9000-9005"
        ~~~~~~~~~~~~~~~~~~~~~
`,
    },
    {
      name: 'long syntax and a value from .env',
      read: { '.env': 'WEB_PORT=99999\n' },
      code: `
services:
  web:
    image: nginx:1.27
    ports:
      - target: web
                ~~~
      - "\${WEB_PORT}:80"
        ~~~~~~~~~~~~~~~~
`,
    },
  ],
});
