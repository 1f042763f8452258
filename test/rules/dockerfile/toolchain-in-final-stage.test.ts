import rule from '../../../server/src/rules/dockerfile/toolchain-in-final-stage';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'apt-mark auto through xargs',
      code: 'FROM debian:12-slim\nRUN savedAptMark="$(apt-mark showmanual)"; apt-get update; apt-get install -y --no-install-recommends dpkg-dev gcc; apt-mark showmanual | xargs apt-mark auto > /dev/null; apt-mark manual $savedAptMark; apt-get purge -y --auto-remove; rm -rf /var/lib/apt/lists/*',
    },
    {
      name: "docker-library's apt-mark auto and purge --auto-remove",
      code: 'FROM debian:12-slim\nRUN set -eux; savedAptMark="$(apt-mark showmanual)"; apt-get update; apt-get install -y --no-install-recommends gcc make libc6-dev; make -C /src install; apt-mark auto \'.*\' > /dev/null; apt-mark manual $savedAptMark; apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; rm -rf /var/lib/apt/lists/*',
    },
    {
      name: 'compilers in a builder stage only',
      code: 'FROM python:3.12-slim AS builder\nRUN apt-get update && apt-get install -y gcc\nFROM python:3.12-slim\nCOPY --from=builder /opt/venv /opt/venv',
    },
    {
      name: 'a virtual package group removed in the same RUN',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev && pip install uwsgi && apk del .build-deps',
    },
    {
      name: 'purged in the same RUN',
      code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y gcc && make && apt-get purge -y gcc && rm -rf /var/lib/apt/lists/*',
    },
    { name: 'runtime libraries only', code: 'FROM debian:12-slim\nRUN apt-get install -y libpq5 curl' },
    {
      name: 'a development stage is meant to carry tools',
      code: 'FROM python:3.12 AS dev\nRUN apt-get install -y gcc',
    },
  ],
  invalid: [
    {
      name: 'seed 003 single-stage Django image is split, libpq-dev becomes libpq5',
      code: `
FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1
WORKDIR /app
# system packages
RUN apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev && rm -rf /var/lib/apt/lists/*
                                                                 ~~~~~~~~~~~~~~~
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN python manage.py collectstatic --noinput
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000"]`,
      output: `# Build stage: compilers and headers stay here.
FROM python:3.12-slim AS builder
ENV PYTHONDONTWRITEBYTECODE=1
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
RUN pip install --no-cache-dir -r requirements.txt

# Runtime stage: only what the application needs to run.
FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1
WORKDIR /app
# system packages
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
COPY --from=builder /opt/venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
COPY . .
RUN python manage.py collectstatic --noinput
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000"]`,
    },
    {
      name: 'the builder copies only the requirements folder, not the whole context (no copy-before-install there)',
      code: `
FROM python:3.12-slim
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*
                                                                 ~~~
COPY . .
RUN pip install --no-cache-dir -r requirements/production.txt gunicorn==23.0.0
CMD ["gunicorn", "app:app"]`,
      output: `# Build stage: compilers and headers stay here.
FROM python:3.12-slim AS builder
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*
COPY requirements/ requirements/
RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
RUN pip install --no-cache-dir -r requirements/production.txt gunicorn==23.0.0

# Runtime stage: only what the application needs to run.
FROM python:3.12-slim
WORKDIR /app
COPY . .
COPY --from=builder /opt/venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
CMD ["gunicorn", "app:app"]`,
    },
    {
      name: 'an install that reads the source keeps the whole context in the builder',
      code: `
FROM python:3.12-slim
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*
                                                                 ~~~
COPY . .
RUN pip install --no-cache-dir .
CMD ["app"]`,
      output: `# Build stage: compilers and headers stay here.
FROM python:3.12-slim AS builder
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*
COPY . .
RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
RUN pip install --no-cache-dir .

# Runtime stage: only what the application needs to run.
FROM python:3.12-slim
WORKDIR /app
COPY . .
COPY --from=builder /opt/venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
CMD ["app"]`,
    },
    {
      name: 'only compilers: the apt RUN leaves the runtime stage; continuation lines',
      code: 'FROM python:3.11-slim\r\nRUN apt-get update && apt-get install -y --no-install-recommends \\\r\n    gcc \\\r\n    && rm -rf /var/lib/apt/lists/*\r\nCOPY requirements.txt ./\r\nRUN pip install --no-cache-dir -r requirements.txt\r\nCMD ["python", "-m", "app"]',
      ranges: ['2:4-2:7'],
      output:
        '# Build stage: compilers and headers stay here.\r\nFROM python:3.11-slim AS builder\r\n' +
        'RUN apt-get update && apt-get install -y --no-install-recommends \\\r\n    gcc \\\r\n    && rm -rf /var/lib/apt/lists/*\r\n' +
        'COPY requirements.txt ./\r\nRUN python -m venv /opt/venv\r\nENV PATH="/opt/venv/bin:$PATH"\r\n' +
        'RUN pip install --no-cache-dir -r requirements.txt\r\n\r\n# Runtime stage: only what the application needs to run.\r\n' +
        'FROM python:3.11-slim\r\nCOPY requirements.txt ./\r\nCOPY --from=builder /opt/venv /opt/venv\r\nENV PATH="/opt/venv/bin:$PATH"\r\nCMD ["python", "-m", "app"]',
    },
    {
      name: 'multi-stage file whose final stage compiles: reported without a split',
      code: `
FROM node:20-slim AS web
RUN npm ci
FROM golang:1.22
RUN apt-get install -y make
                       ~~~~`,
      output: null,
    },
    {
      name: 'a RUN that does more than install packages is not split',
      code: `
FROM python:3.12-slim
RUN apt-get install -y gcc && pip install -r requirements.txt
                       ~~~`,
      output: null,
    },
    {
      name: 'alpine build-base',
      code: `
FROM alpine:3.20
RUN apk add --no-cache build-base
                       ~~~~~~~~~~`,
    },
  ],
});
