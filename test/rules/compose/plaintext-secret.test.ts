import rule from '../../../server/src/rules/compose/plaintext-secret';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    {
      name: 'paths to key files name the secret, they do not hold it',
      code: 'services:\n  app:\n    image: x:1\n    environment:\n      - JWT_SECRET_KEY=%kernel.project_dir%/config/jwt/private.pem\n      - TLS_KEY=/certs/tls.key\n      - SSH_PRIVATE_KEY=./keys/id_ed25519\n',
    },
    {
      name: 'interpolated, passed through, empty, switches, names about secrets',
      code: `
services:
  db:
    image: mysql:8.4
    environment:
      MYSQL_ROOT_PASSWORD: \${MYSQL_ROOT_PASSWORD:?set it}
      MYSQL_PASSWORD:
      MYSQL_RANDOM_ROOT_PASSWORD: "yes"
      MYSQL_ALLOW_EMPTY_PASSWORD: "no"
      MYSQL_PASSWORD_FILE: /run/secrets/db
      JWT_SECRET_LENGTH: "64"
      TOKEN_TTL: 3600
      TOKEN_EXPIRE_MINUTES: 30
      GITHUB_TOKEN_SCOPE: repo
      AWS_ACCESS_KEY_ID: AKIAEXAMPLE
      POSTGRES_USER: app
      POSTGRES_HOST_AUTH_METHOD: scram-sha-256
  api:
    image: app:1
    environment:
      - API_TOKEN
      - SECRET_KEY=\${SECRET_KEY}
      - DATABASE_URL=postgres://app:\${DB_PASSWORD}@db:5432/app
      - REDIS_URL=redis://redis:6379/0
      - SENTRY_DSN=https://abc@o1.ingest.sentry.io/1
`,
    },
    {
      name: 'silenced on one entry of a list',
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      # shipshape-ignore compose/plaintext-secret -- a throwaway test database\n      - POSTGRES_PASSWORD=postgres\n',
    },
  ],
  invalid: [
    {
      name: 'seed 000: a password and the same password in a URL',
      code: `
services:
  api:
    build: .
    environment:
      - DEBUG=true
      - DATABASE_URL=postgresql+asyncpg://postgres:postgres@db:5432/publishing
                                                   ~~~~~~~~
  db:
    image: postgres:15-alpine
    environment:
      - POSTGRES_DB=publishing
      - POSTGRES_PASSWORD=postgres
                          ~~~~~~~~
`,
      messageIds: ['url', 'named'],
      output:
        'services:\n  api:\n    build: .\n    environment:\n      - DEBUG=true\n' +
        '      - DATABASE_URL=postgresql+asyncpg://postgres:${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}@db:5432/publishing\n' +
        '  db:\n    image: postgres:15-alpine\n    environment:\n      - POSTGRES_DB=publishing\n' +
        '      - POSTGRES_PASSWORD=${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}\n',
    },
    {
      name: 'map form, quoted, in an anchor, comments kept, CRLF',
      code: 'x-env: &env\r\n  # shared\r\n  DJANGO_SECRET_KEY: "s3cr3t"\r\nservices:\r\n  a:\r\n    image: app:1\r\n    environment: *env\r\n  b:\r\n    image: app:1\r\n    environment: *env\r\n',
      ranges: ['2:22-2:28'],
      output:
        'x-env: &env\r\n  # shared\r\n  DJANGO_SECRET_KEY: "${DJANGO_SECRET_KEY:?set DJANGO_SECRET_KEY}"\r\nservices:\r\n  a:\r\n    image: app:1\r\n    environment: *env\r\n  b:\r\n    image: app:1\r\n    environment: *env\r\n',
    },
    {
      name: 'a numeric password',
      code: `
services:
  mq:
    image: rabbitmq:3.13
    environment:
      - RABBITMQ_DEFAULT_PASS=123456
                              ~~~~~~
`,
    },
    {
      name: 'a URL password without a matching variable, in a flow mapping',
      code: `
services:
  worker:
    image: app:1
    environment: { BROKER_URL: "amqp://guest:guest@mq:5672/" }
                                             ~~~~~
`,
      output:
        'services:\n  worker:\n    image: app:1\n    environment: { BROKER_URL: "amqp://guest:${BROKER_PASSWORD:?set BROKER_PASSWORD}@mq:5672/" }\n',
    },
  ],
});
