import rule from '../../../server/src/rules/dockerfile/pip-no-cache-dir';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'a tmpfs mount',
      code: 'FROM python:3.12-slim\nRUN --mount=type=tmpfs,target=/root/.cache/pip pip install flask',
    },
    'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask',
    'FROM python:3.12-slim\nRUN pip --no-cache-dir install flask',
    {
      name: 'abbreviated flag pip accepts',
      code: 'FROM python:3.12-slim\nRUN pip3 install --no-cache flask',
    },
    {
      name: 'builder stages are not checked',
      code: `
FROM python:3.12 AS build
RUN python -m venv /venv && /venv/bin/pip install -r requirements.txt
FROM python:3.12-slim
COPY --from=build /venv /venv`,
    },
    {
      name: 'ENV in the stage',
      code: 'FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask',
    },
    {
      name: 'ENV off (inverted semantics) still counts',
      code: 'FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=off\nRUN pip install flask',
    },
    {
      name: 'ENV in the stage this one is built on',
      code: `
FROM python:3.12-slim AS base
ENV PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1
FROM base
RUN pip install flask`,
    },
    { name: 'ARG', code: 'FROM python:3.12-slim\nARG PIP_NO_CACHE_DIR=true\nRUN pip install flask' },
    { name: 'on the command line', code: 'FROM python:3.12-slim\nRUN PIP_NO_CACHE_DIR=1 pip install flask' },
    {
      name: 'exported earlier',
      code: 'FROM python:3.12-slim\nRUN export PIP_NO_CACHE_DIR=1 && pip install flask',
    },
    {
      name: 'cache mount',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt',
    },
    {
      name: 'cache mount over a PIP_CACHE_DIR',
      code: 'FROM python:3.12-slim\nENV PIP_CACHE_DIR="/pipcache"\nRUN --mount=type=cache,target=/pipcache pip install flask',
    },
    {
      name: 'pip config',
      code: 'FROM python:3.12-slim\nRUN pip config set global.no-cache-dir false && pip install flask',
    },
    {
      name: 'sudo with the flag',
      code: 'FROM python:3.12-slim\nRUN sudo -H pip3 install --no-cache-dir flask',
    },
    {
      name: 'heredoc with the flag',
      code: 'FROM python:3.12-slim\nRUN <<EOF\npython3 -m pip install --no-cache-dir flask\nEOF',
    },
    {
      name: 'flag in an ENV variable',
      code: 'FROM python:3.12-slim\nENV PIP_FLAGS="--no-cache-dir --upgrade"\nRUN pip install $PIP_FLAGS flask',
    },
    { name: 'other subcommands', code: 'FROM python:3.12-slim\nRUN pip freeze && pip uninstall -y flask' },
    { name: 'python running code', code: 'FROM python:3.12-slim\nRUN python -c "print(1)" install' },
    { name: 'JSON form is not checked', code: 'FROM python:3.12-slim\nRUN ["pip", "install", "flask"]' },
  ],
  invalid: [
    {
      name: 'missing --no-cache-dir',
      code: `
FROM python:3.12-slim
RUN pip install -r requirements.txt
    ~~~~~~~~~~~`,
      output: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt',
    },
    {
      name: 'python -m pip and a versioned pip through sudo',
      code: `
FROM python:3.12-slim
RUN python3 -m pip install -U pip && sudo pip3.12 install flask
    ~~~~~~~~~~~~~~~~~~~~~~                ~~~~~~~~~~~~~~~`,
      output:
        'FROM python:3.12-slim\nRUN python3 -m pip install --no-cache-dir -U pip && sudo pip3.12 install --no-cache-dir flask',
    },
    {
      name: 'in a heredoc, with a venv pip',
      code: `
FROM python:3.12-slim
RUN <<EOF
python3 -m venv /venv
/venv/bin/pip install flask
~~~~~~~~~~~~~~~~~~~~~
EOF`,
      output:
        'FROM python:3.12-slim\nRUN <<EOF\npython3 -m venv /venv\n/venv/bin/pip install --no-cache-dir flask\nEOF',
    },
    {
      name: 'ENV set after the RUN does not count',
      code: `
FROM python:3.12-slim
RUN pip install flask
    ~~~~~~~~~~~
ENV PIP_NO_CACHE_DIR=1`,
      output: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\nENV PIP_NO_CACHE_DIR=1',
    },
    {
      name: 'a global ARG not declared in the stage does not count',
      code: `
ARG PIP_NO_CACHE_DIR=1
FROM python:3.12-slim
RUN pip install flask
    ~~~~~~~~~~~`,
      output: 'ARG PIP_NO_CACHE_DIR=1\nFROM python:3.12-slim\nRUN pip install --no-cache-dir flask',
    },
    {
      name: 'a cache mount elsewhere does not count',
      code: `
FROM python:3.12-slim
RUN --mount=type=cache,target=/var/cache/apt pip install flask
                                             ~~~~~~~~~~~`,
      output:
        'FROM python:3.12-slim\nRUN --mount=type=cache,target=/var/cache/apt pip install --no-cache-dir flask',
    },
    {
      name: 'CRLF',
      code: 'FROM python:3.12-slim\r\nRUN pip install \\\r\n    flask\r\n',
      ranges: ['1:4-1:15'],
      output: 'FROM python:3.12-slim\r\nRUN pip install --no-cache-dir \\\r\n    flask\r\n',
    },
  ],
});
