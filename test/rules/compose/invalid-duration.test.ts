import rule from '../../../server/src/rules/compose/invalid-duration';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    {
      name: 'Go durations',
      code: `
services:
  web:
    image: nginx:1.27
    stop_grace_period: 1m30s
    healthcheck:
      interval: 30s
      timeout: 1.5s
      start_period: 0
      start_interval: 500ms
    deploy:
      restart_policy:
        delay: 5s
        window: 2h
      rollback_config:
        delay: 1d
        monitor: 1w2d6h
      update_config:
        delay: \${DELAY:-10s}
        monitor: \${MONITOR}
`,
    },
  ],
  invalid: [
    {
      name: 'a bare number gets seconds',
      code: `
services:
  web:
    image: nginx:1.27
    healthcheck:
      interval: "30"
                ~~~~
`,
      output: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      interval: 30s\n',
    },
    {
      name: 'days and weeks are read (go-str2duration), years are not',
      code: `
services:
  web:
    image: nginx:1.27
    stop_grace_period: 1y
                       ~~
    healthcheck:
      interval: 0.5d
      timeout: 2w
`,
      output: null,
    },
    {
      name: 'a unit Go does not know has no fix',
      code: `
services:
  web:
    image: nginx:1.27
    stop_grace_period: 1min
                       ~~~~
`,
      output: null,
    },
    {
      name: 'in an anchor shared by two services: once, where written; CRLF',
      code: 'x-hc: &hc\r\n  interval: "10"\r\nservices:\r\n  a:\r\n    image: x:1\r\n    healthcheck: *hc\r\n  b:\r\n    image: x:1\r\n    healthcheck: *hc\r\n',
      ranges: ['1:12-1:16'],
      output:
        'x-hc: &hc\r\n  interval: 10s\r\nservices:\r\n  a:\r\n    image: x:1\r\n    healthcheck: *hc\r\n  b:\r\n    image: x:1\r\n    healthcheck: *hc\r\n',
    },
    {
      name: 'resolved from .env',
      read: { '.env': 'GRACE=ten\n' },
      code: `
services:
  web:
    image: nginx:1.27
    stop_grace_period: \${GRACE}
                       ~~~~~~~~
`,
    },
  ],
});
