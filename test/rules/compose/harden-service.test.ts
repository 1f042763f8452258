import rule from '../../../server/src/rules/compose/harden-service';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    'services:\n  a:\n    image: x:1\n    cap_drop: [ALL]\n    security_opt: [no-new-privileges:true]\n    read_only: true\n',
    {
      name: 'explicit choices are not gaps',
      code: 'services:\n  a:\n    image: x:1\n    cap_drop: [all]\n    security_opt: ["no-new-privileges=false"]\n    read_only: false\n',
    },
    { name: 'privileged has its own rule', code: 'services:\n  a:\n    image: x:1\n    privileged: true\n' },
    {
      name: 'an override file',
      fileName: 'compose.override.yaml',
      code: 'services:\n  a:\n    image: x:1\n',
    },
    {
      name: 'a provider service runs no container',
      code: 'services:\n  llm:\n    provider:\n      type: model\n      options:\n        model: ai/smollm2\n',
    },
    {
      name: 'inherited from a service in this file',
      code: 'services:\n  base:\n    image: x:1\n    cap_drop: [ALL]\n    security_opt: [no-new-privileges:true]\n    read_only: true\n  a:\n    extends: base\n',
    },
  ],
  invalid: [
    {
      name: 'nginx: its capabilities and the paths it writes',
      code: `
services:
  web:
  ~~~
    image: nginx:1.27 # pinned
`,
      messages: ['Harden service `web`: one fix adds what it lacks'],
      fixTitle: 'only CHOWN, SETGID, SETUID, NET_BIND_SERVICE are kept',
      output:
        'services:\n  web:\n    image: nginx:1.27 # pinned\n    cap_drop:\n      - ALL\n    cap_add:\n      - CHOWN\n      - SETGID\n      - SETUID\n      - NET_BIND_SERVICE\n    security_opt:\n      - no-new-privileges:true\n    read_only: true\n    tmpfs:\n      - /tmp\n      - /var/cache/nginx\n      - /var/run\n',
    },
    {
      name: 'postgres, with existing lists extended',
      code: `
services:
  db:
  ~~
    image: postgres:16
    cap_drop:
      - NET_RAW
    security_opt:
      - label:type:svirt_t
    environment:
      POSTGRES_PASSWORD_FILE: /run/secrets/pw
`,
      output:
        'services:\n  db:\n    image: postgres:16\n    cap_drop:\n      - NET_RAW\n      - ALL\n    security_opt:\n      - label:type:svirt_t\n      - no-new-privileges:true\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/pw\n    cap_add:\n      - CHOWN\n      - DAC_OVERRIDE\n      - FOWNER\n      - SETGID\n      - SETUID\n    read_only: true\n    tmpfs:\n      - /tmp\n      - /var/run/postgresql\n',
    },
    {
      name: 'an unknown image: nothing added back, and the title says so',
      code: `
services:
  api:
  ~~~
    build: .
    read_only: true
`,
      fixTitle: 'its image is not known here, so no capability is added back',
      output:
        'services:\n  api:\n    build: .\n    read_only: true\n    cap_drop:\n      - ALL\n    security_opt:\n      - no-new-privileges:true\n',
    },
    {
      name: 'only read_only missing, tmpfs already there; CRLF',
      code: 'services:\r\n  a:\r\n    image: redis:7.4\r\n    cap_drop: [ALL]\r\n    security_opt: [no-new-privileges]\r\n    tmpfs: [/tmp]\r\n',
      ranges: ['1:2-1:3'],
      output:
        'services:\r\n  a:\r\n    image: redis:7.4\r\n    cap_drop: [ALL]\r\n    security_opt: [no-new-privileges]\r\n    tmpfs: [/tmp]\r\n    read_only: true\r\n',
    },
    {
      name: 'lists from an anchor are not edited',
      code: 'x-sec: &sec\n  cap_drop: [NET_RAW]\nservices:\n  a:\n    <<: *sec\n    image: x:1\n',
      ranges: ['3:2-3:3'],
      output: null,
    },
  ],
});
