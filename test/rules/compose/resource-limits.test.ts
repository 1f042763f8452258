import rule from '../../../server/src/rules/compose/resource-limits';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    {
      name: 'deploy limits (seed 001)',
      code: `
services:
  fastapi-backend:
    image: app:1
    deploy:
      resources:
        limits:
          memory: 2G
          cpus: '2.0'
        reservations:
          memory: 1G
          cpus: '1.0'
`,
    },
    {
      name: 'service-level keys',
      code: 'services:\n  web:\n    image: nginx:1.27\n    mem_limit: 512m\n    cpus: 0.5\n',
    },
    {
      name: 'from an anchor through a merge key',
      code: 'x-res: &res\n  deploy:\n    resources:\n      limits: { cpus: "1", memory: 1G }\nservices:\n  web:\n    <<: *res\n    image: nginx:1.27\n',
    },
    {
      name: 'extends in the same file',
      code: 'services:\n  base:\n    image: x:1\n    mem_limit: 1g\n    cpus: 1\n  web:\n    extends: base\n',
    },
    {
      name: 'override files',
      fileName: 'compose.prod.yaml',
      code: 'services:\n  web:\n    image: nginx:1.27\n',
    },
    {
      name: 'extends from another file',
      code: 'services:\n  web:\n    extends:\n      file: common.yaml\n      service: web\n',
    },
  ],
  invalid: [
    {
      name: 'no deploy: a database gets the seed database sizing',
      code: `
services:
  db:
  ~~
    image: postgres:16
    # data survives restarts
    volumes:
      - pg:/var/lib/postgresql/data
volumes:
  pg:
`,
      output:
        'services:\n  db:\n    image: postgres:16\n    # data survives restarts\n    volumes:\n      - pg:/var/lib/postgresql/data\n' +
        '    deploy:\n      resources:\n        limits:\n          cpus: "1.0"\n          memory: 2G\n        reservations:\n          cpus: "0.5"\n          memory: 1G\nvolumes:\n  pg:\n',
    },
    {
      name: 'deploy without resources, four-space indentation, CRLF',
      code: 'services:\r\n    api:\r\n        image: app:1\r\n        deploy:\r\n            replicas: 2\r\n',
      ranges: ['1:4-1:7'],
      output:
        'services:\r\n    api:\r\n        image: app:1\r\n        deploy:\r\n            replicas: 2\r\n            resources:\r\n                limits:\r\n' +
        '                    cpus: "1.0"\r\n                    memory: 2G\r\n                reservations:\r\n                    cpus: "0.5"\r\n                    memory: 1G\r\n',
    },
    {
      name: 'a memory limit only: the CPU limit is added beside it',
      code: `
services:
  cache:
  ~~~~~
    image: redis:7-alpine
    deploy:
      resources:
        limits:
          memory: 1G
`,
      messageIds: ['cpus'],
      output:
        'services:\n  cache:\n    image: redis:7-alpine\n    deploy:\n      resources:\n        limits:\n          memory: 1G\n          cpus: "1.0"\n',
    },
    {
      name: 'service-level style is kept',
      code: 'services:\n  web:\n    image: nginx:1.27\n    mem_limit: 512m\n',
      ranges: ['1:2-1:5'],
      output: 'services:\n  web:\n    image: nginx:1.27\n    mem_limit: 512m\n    cpus: "1.0"\n',
    },
    {
      name: 'deploy from an anchor: reported, not edited',
      code: 'x-d: &d\n  deploy:\n    replicas: 2\nservices:\n  web:\n    <<: *d\n    image: nginx:1.27\n',
      ranges: ['4:2-4:5'],
      output: null,
    },
  ],
});
