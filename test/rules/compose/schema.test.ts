import rule from '../../../server/src/rules/compose/schema';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    {
      name: 'a misspelt top-level key holding services is not read as version 1 (the schema reports the key)',
      code: 'services:\n  web:\n    image: nginx:1.27\nx-servces:\n  db:\n    image: postgres:16\n',
    },
    {
      name: 'keys of the schema Docker Compose validates with today (compose-go): pre_start, no_cache_filter, empty models',
      code: `
services:
  web:
    image: nginx:1.27
    pre_start:
      - command: ["sh", "-c", "echo starting"]
    build:
      context: .
      no_cache_filter: [base]
models:
  llm:
`,
    },
    {
      name: 'seed 000 compose with version and short syntax',
      code: `
version: '3.8'
services:
  api:
    build: .
    ports:
      - "8080:8080"
    environment:
      - DEBUG=true
    depends_on:
      - db
  db:
    image: postgres:15-alpine
    volumes:
      - postgres_data:/var/lib/postgresql/data
volumes:
  postgres_data:
`,
    },
    {
      name: 'interpolation where Compose substitutes before validating',
      code: `
services:
  web:
    image: \${IMAGE:-nginx}:\${TAG:-1.27}
    cpus: \${CPUS:-0.5}
    ports:
      - "\${PORT}:80"
      - target: \${TARGET_PORT:-80}
        published: "\${PUBLISHED:-8080}"
    restart: \${RESTART_POLICY:-unless-stopped}
    depends_on:
      db:
        condition: \${DB_CONDITION:-service_healthy}
    healthcheck:
      interval: \${HC_INTERVAL:-30s}
      retries: \${HC_RETRIES:-3}
    environment:
      PRICE: $$5
  db:
    image: postgres:16
`,
    },
    {
      name: 'x- fields, anchors, merge keys and aliases',
      code: `
x-common: &common
  restart: unless-stopped
  logging: &logging
    driver: json-file
    options:
      max-size: "10m"
x-resources: &resources
  deploy:
    resources:
      limits:
        cpus: "0.5"
x-anything:
  not: [a, compose, key]
services:
  web:
    <<: [*common, *resources]
    image: nginx:1.27
    x-team: web
  worker:
    <<: *common
    image: busybox:1.36
    logging: *logging
`,
    },
    {
      name: '!reset and !override',
      fileName: 'compose.override.yaml',
      code: `
services:
  web:
    image: nginx:1.27
    ports: !override
      - "8080:80"
    build: !reset null
    healthcheck: !reset {}
`,
    },
    {
      name: 'long syntax everywhere',
      code: `
services:
  web:
    image: nginx:1.27
    ports:
      - target: 80
        published: "8080"
        host_ip: 127.0.0.1
        protocol: tcp
        mode: host
    volumes:
      - type: bind
        source: ./site
        target: /usr/share/nginx/html
        read_only: true
    depends_on:
      db:
        condition: service_healthy
        restart: true
    secrets:
      - source: token
        target: /run/secrets/token
    deploy:
      resources:
        limits:
          cpus: "0.5"
          memory: 512M
  db:
    image: postgres:16
secrets:
  token:
    file: ./token.txt
`,
    },
    {
      name: 'lists of mappings with uniqueItems, and a key named __proto__',
      code: `
services:
  web:
    image: nginx:1.27
    secrets:
      - source: a
        target: /run/a
      - source: b
        target: /run/b
    expose:
      - "3000"
      - 8000
    labels:
      __proto__: "odd but valid"
secrets:
  a:
    file: ./a
  b:
    environment: B
`,
    },
    { name: 'an empty file', code: '' },
    {
      name: 'empty values are left to Compose',
      code: 'services:\n  web:\n    image: nginx:1.27\n    environment:\n',
    },
  ],
  invalid: [
    {
      name: 'a version 1 file: one finding, services moved under `services:` (comments, anchors, CRLF kept)',
      fileName: 'docker-compose.yml',
      code: '# the app\r\nweb: &web\r\n  image: nginx:1.27\r\n  # public\r\n  ports:\r\n    - "80:80"\r\n\r\nworker:\r\n  <<: *web\r\n  command: |\r\n    run\r\n',
      ranges: ['1:0-1:3'],
      messageIds: ['v1'],
      messages: ['version 1 format, with services at the top level (`web`, `worker`)'],
      output:
        '# the app\r\nservices:\r\n  web: &web\r\n    image: nginx:1.27\r\n    # public\r\n    ports:\r\n      - "80:80"\r\n\r\n  worker:\r\n    <<: *web\r\n    command: |\r\n      run\r\n',
    },
    {
      name: 'a version 1 file with other keys between its services: no fix',
      code: `
web:
~~~
  image: nginx:1.27
x-note: 1
db:
  image: postgres:16
`,
      messageIds: ['v1'],
      output: null,
    },
    {
      name: 'unknown keys in a service say which service; a v1 key gets the key Compose reads today',
      code: `
services:
  monit:
    image: nginx:1.27
    net: host
    ~~~
    depends:
    ~~~~~~~
      - db
  db:
    image: postgres:16
`,
      messages: [
        'Unknown key `net` in service `monit`; did you mean `network_mode`?',
        'Unknown key `depends` in service `monit`; did you mean `depends_on`?',
      ],
    },
    {
      name: 'a service written as a string: one precise message',
      code: `
services:
  web: nginx
       ~~~~~
`,
      messages: [
        'Service `web` must be a mapping of its settings (`image: …`, `build: …`), not the string `nginx`.',
      ],
      output: null,
    },
    {
      name: 'unknown key gets the closest one',
      code: `
services:
  web:
    image: nginx:1.27
    enviroment:
    ~~~~~~~~~~
      - MODE=production
`,
      messages: ['did you mean `environment`'],
      output: 'services:\n  web:\n    image: nginx:1.27\n    environment:\n      - MODE=production\n',
    },
    {
      name: 'an enum lists its values',
      code: `
services:
  web:
    image: nginx:1.27
    depends_on:
      db:
        condition: healthy
                   ~~~~~~~
  db:
    image: postgres:16
`,
      messages: ['must be one of `service_started`, `service_healthy`, `service_completed_successfully`'],
      output: null,
    },
    {
      name: 'a type error sits on the value',
      code: `
services:
  web:
    image: nginx:1.27
    healthcheck:
      interval: 30
                ~~
`,
      messages: ['`interval` must be a string, not the number 30'],
    },
    {
      name: 'a top-level typo keeps comments and CRLF in the fix',
      code: 'service:\r\n  # the web server\r\n  web:\r\n    image: nginx:1.27\r\n',
      ranges: ['0:0-0:7'],
      output: 'services:\r\n  # the web server\r\n  web:\r\n    image: nginx:1.27\r\n',
    },
    {
      name: 'a oneOf that no branch matches becomes one message',
      code: `
services:
  web:
    image: nginx:1.27
    build: 3
           ~
`,
      messages: ['`build` must be a string or a mapping, not the number 3'],
    },
    {
      name: 'invalid service name',
      code: `
services:
  my web:
  ~~~~~~
    image: nginx:1.27
`,
      messages: ['not a valid service name'],
    },
    {
      name: 'a YAML syntax error',
      code: 'services:\n  web:\n    image: nginx:1.27\n    ports: [80\n',
      ranges: ['4:0-4:0'],
    },
    {
      name: 'duplicate keys across services',
      code: `
services:
  web:
    image: nginx:1.27
  web:
  ~~~
    image: nginx:1.27
`,
    },
  ],
});
