import rule from '../../../server/src/rules/compose/missing-healthcheck';
import { testComposeRule } from '../../helpers/compose-tester';

const TAIL = '      interval: 30s\n      timeout: 10s\n      retries: 3\n      start_period: 40s\n';

testComposeRule(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost/"]\n',
    {
      name: 'disabled on purpose',
      code: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      disable: true\n',
    },
    {
      name: 'tuning the image check',
      code: 'services:\n  web:\n    image: app:1\n    healthcheck:\n      interval: 60s\n',
    },
    {
      name: 'the Dockerfile has a HEALTHCHECK',
      read: { Dockerfile: 'FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/\n' },
      code: 'services:\n  web:\n    build: .\n',
    },
    {
      name: 'one-shot services',
      code: 'services:\n  migrate:\n    image: app:1\n    command: migrate\n  api:\n    image: app:1\n    healthcheck:\n      test: ["CMD", "true"]\n    depends_on:\n      migrate:\n        condition: service_completed_successfully\n',
    },
    {
      name: 'override files',
      fileName: 'compose.override.yaml',
      code: 'services:\n  web:\n    image: nginx:1.27\n',
    },
    {
      name: 'images that declare their own HEALTHCHECK',
      code: 'services:\n  dns:\n    image: pihole/pihole:2025.11.0\n  mc:\n    image: itzg/minecraft-server:java21\n',
    },
    {
      name: 'from an anchor',
      code: 'x-hc: &hc\n  healthcheck:\n    test: ["CMD", "true"]\nservices:\n  web:\n    <<: *hc\n    image: nginx:1.27\n',
    },
  ],
  invalid: [
    {
      name: 'postgres uses POSTGRES_USER',
      code: `
services:
  db:
  ~~
    image: postgres:16-alpine
    environment:
      POSTGRES_USER: app
`,
      output: `services:\n  db:\n    image: postgres:16-alpine\n    environment:\n      POSTGRES_USER: app\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U app"]\n${TAIL}`,
    },
    {
      name: 'dependants switch to service_healthy in the same fix, comments and other entries kept',
      code: `
services:
  api:
    image: registry.example.com/api:1.4
    healthcheck: { disable: true }
    depends_on:
      - db # primary
      - cache
  worker:
    image: registry.example.com/worker:1.4
    healthcheck: { disable: true }
    depends_on: [db]
  admin:
    image: registry.example.com/admin:1.4
    healthcheck: { disable: true }
    depends_on:
      db:
        restart: true
  db:
  ~~
    image: postgres:16-alpine
  cache:
    image: redis:7-alpine
    healthcheck:
      test: ["CMD", "redis-cli", "ping"]
`,
      output: `services:
  api:
    image: registry.example.com/api:1.4
    healthcheck: { disable: true }
    depends_on:
      db: # primary
        condition: service_healthy
      cache:
        condition: service_healthy
  worker:
    image: registry.example.com/worker:1.4
    healthcheck: { disable: true }
    depends_on: { db: { condition: service_healthy } }
  admin:
    image: registry.example.com/admin:1.4
    healthcheck: { disable: true }
    depends_on:
      db:
        restart: true
        condition: service_healthy
  db:
    image: postgres:16-alpine
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U postgres"]
${TAIL}  cache:
    image: redis:7-alpine
    healthcheck:
      test: ["CMD", "redis-cli", "ping"]
`,
    },
    {
      name: 'well-known images probe their own endpoints with the client they ship: grafana',
      code: 'services:\n  grafana:\n    image: grafana/grafana:11.3.0\n',
      ranges: ['1:2-1:9'],
      output: `services:\n  grafana:\n    image: grafana/grafana:11.3.0\n    healthcheck:\n      test: ["CMD", "wget", "-q", "--spider", "http://localhost:3000/api/health"]\n${TAIL}`,
    },
    {
      name: 'prometheus answers on /-/healthy',
      code: 'services:\n  prometheus:\n    image: quay.io/prometheus/prometheus:v2.55.0\n',
      ranges: ['1:2-1:12'],
      output: `services:\n  prometheus:\n    image: quay.io/prometheus/prometheus:v2.55.0\n    healthcheck:\n      test: ["CMD", "wget", "-q", "--spider", "http://localhost:9090/-/healthy"]\n${TAIL}`,
    },
    {
      name: 'nginx has no /health: its welcome page on port 80',
      code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n',
      ranges: ['1:2-1:5'],
      output: `services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:80/"]\n${TAIL}`,
    },
    {
      name: 'minio and rabbitmq ship their own probe commands',
      code: 'services:\n  s3:\n    image: minio/minio:RELEASE.2025-04-22T22-12-26Z\n  mq:\n    image: rabbitmq:4-management\n',
      ranges: ['1:2-1:4', '3:2-3:4'],
      output: `services:\n  s3:\n    image: minio/minio:RELEASE.2025-04-22T22-12-26Z\n    healthcheck:\n      test: ["CMD", "mc", "ready", "local"]\n${TAIL}  mq:\n    image: rabbitmq:4-management\n    healthcheck:\n      test: ["CMD", "rabbitmq-diagnostics", "-q", "ping"]\n${TAIL}`,
    },
    {
      name: 'traefik is probed only with its ping endpoint enabled',
      code: 'services:\n  proxy:\n    image: traefik:v3.2\n    command: ["--ping=true", "--providers.docker"]\n',
      ranges: ['1:2-1:7'],
      output: `services:\n  proxy:\n    image: traefik:v3.2\n    command: ["--ping=true", "--providers.docker"]\n    healthcheck:\n      test: ["CMD", "traefik", "healthcheck", "--ping"]\n${TAIL}`,
    },
    {
      name: 'no fix without the ping endpoint (traefik), or without a client in the image (keycloak)',
      code: 'services:\n  proxy:\n    image: traefik:v3.2\n    ports:\n      - "80:80"\n  auth:\n    image: quay.io/keycloak/keycloak:26.0\n    ports:\n      - "8080:8080"\n',
      ranges: ['1:2-1:7', '5:2-5:6'],
      output: null,
    },
    {
      name: 'redis, CRLF',
      code: 'services:\r\n  cache:\r\n    image: redis:7-alpine\r\n',
      ranges: ['1:2-1:7'],
      output:
        'services:\r\n  cache:\r\n    image: redis:7-alpine\r\n    healthcheck:\r\n      test: ["CMD", "redis-cli", "ping"]\r\n' +
        '      interval: 30s\r\n      timeout: 10s\r\n      retries: 3\r\n      start_period: 40s\r\n',
    },
    {
      name: 'mysql and mariadb',
      code: 'services:\n  a:\n    image: mysql:8.4\n  b:\n    image: mariadb:11\n',
      ranges: ['1:2-1:3', '3:2-3:3'],
      output:
        `services:\n  a:\n    image: mysql:8.4\n    healthcheck:\n      test: ["CMD", "mysqladmin", "ping", "-h", "localhost"]\n${TAIL}` +
        `  b:\n    image: mariadb:11\n    healthcheck:\n      test: ["CMD", "mariadb-admin", "ping", "-h", "localhost"]\n${TAIL}`,
    },
    {
      name: 'an app on its published port, wget for an alpine image, anchors kept',
      code: `
x-env: &env
  LOG_LEVEL: info
services:
  web:
  ~~~
    image: node:20-alpine
    environment: *env
    ports:
      - "3000:3000"
`,
      output: `x-env: &env\n  LOG_LEVEL: info\nservices:\n  web:\n    image: node:20-alpine\n    environment: *env\n    ports:\n      - "3000:3000"\n    healthcheck:\n      test: ["CMD", "wget", "-q", "--spider", "http://localhost:3000/health"]\n${TAIL}`,
    },
    {
      name: 'a build service: the port from EXPOSE, curl from the Dockerfile',
      read: {
        Dockerfile:
          'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nEXPOSE 8000\n',
      },
      code: 'services:\n  api:\n    build: .\n',
      ranges: ['1:2-1:5'],
      output: `services:\n  api:\n    build: .\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8000/health"]\n${TAIL}`,
    },
    {
      name: 'no known port: no fix',
      code: 'services:\n  worker:\n    image: python:3.12-slim\n',
      ranges: ['1:2-1:8'],
      output: null,
    },
  ],
});
