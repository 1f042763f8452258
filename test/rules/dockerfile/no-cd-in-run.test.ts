import rule from '../../../server/src/rules/dockerfile/no-cd-in-run';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM node:20-slim\nWORKDIR /app\nRUN npm ci',
    {
      name: 'cd in a subshell is scoped',
      code: 'FROM debian:12\nRUN (cd /src/lib && make) && make -C /src/app',
    },
    {
      name: 'subshells in a loop',
      code: 'FROM debian:12\nRUN for d in a b; do (cd "$d" && make); done',
    },
    {
      name: 'temporary build in /tmp',
      code:
        'FROM debian:12\nRUN cd /tmp && curl -fsSLO https://example.com/tool-1.2.tar.gz \\\n' +
        ' && tar xzf tool-1.2.tar.gz && cd tool-1.2 && make install && cd / && rm -rf /tmp/tool-1.2*',
    },
    {
      name: 'mktemp directory',
      code: 'FROM debian:12\nRUN cd "$(mktemp -d)" && git clone https://x/y.git . && make install',
    },
    {
      name: 'source build in a directory the RUN deletes afterwards',
      code:
        'FROM debian:12\nRUN set -eux; mkdir -p /usr/src/python; \\\n' +
        '  tar -xf python.tar.xz -C /usr/src/python; cd /usr/src/python; ./configure; make install; \\\n' +
        '  cd /; rm -rf /usr/src/python',
    },
    {
      name: 'relative build directory removed with a wildcard',
      code: 'FROM debian:12\nRUN tar xzf tool.tgz && cd tool-1.2/src && make install && cd ../.. && rm -rf tool-1.2*',
    },
    { name: 'TMPDIR', code: 'FROM debian:12\nRUN cd $TMPDIR && make' },
    {
      name: 'cd inside a command substitution is not a command',
      code: 'FROM debian:12\nRUN echo "$(cd /opt && pwd)"',
    },
    { name: 'cd inside sh -c is a word', code: 'FROM debian:12\nRUN sh -c "cd /opt && make"' },
    { name: 'cd as an argument', code: 'FROM debian:12\nRUN echo cd /opt' },
    { name: 'CMD is not a RUN', code: 'FROM debian:12\nCMD cd /app && exec ./server' },
  ],
  invalid: [
    {
      name: 'cd .. names the directory it resolves to',
      code: `
FROM debian:12
WORKDIR /srv/app/web
RUN cd .. && make
    ~~`,
      messageIds: ['useWorkdir'],
      output: 'FROM debian:12\nWORKDIR /srv/app/web\nWORKDIR /srv/app\nRUN make',
    },
    {
      name: 'a relative cd without a known WORKDIR: no fix',
      code: `
FROM debian:12
RUN cd src && make
    ~~`,
      output: null,
    },
    {
      name: 'cd at the start of a RUN',
      code: `
FROM node:20-slim
COPY . /app
RUN cd /app && npm ci
    ~~`,
      output: 'FROM node:20-slim\nCOPY . /app\nWORKDIR /app\nRUN npm ci',
    },
    {
      name: 'only the first top-level cd is reported',
      code: `
FROM debian:12
RUN cd /src && ./configure && cd build && make
    ~~`,
    },
    {
      name: 'a subshell before a top-level cd',
      code: `
FROM debian:12
RUN (cd lib && make) && cd app && make
                        ~~`,
    },
    {
      name: 'deleting something else does not make the directory temporary',
      code: `
FROM debian:12
RUN cd /srv/app && make && rm -rf /srv/app/build
    ~~`,
    },
    {
      name: 'heredoc script',
      code: `
FROM debian:12
RUN <<EOF
set -e
cd /srv/app
~~
make
EOF`,
    },
    {
      name: 'continued line',
      code: 'FROM debian:12\nRUN apt-get update \\\n && cd /opt \\\n && make',
      ranges: ['2:4-2:6'],
    },
    {
      name: 'CRLF file',
      code: 'FROM debian:12\r\nRUN cd /app && make\r\n',
      ranges: ['1:4-1:6'],
      output: 'FROM debian:12\r\nWORKDIR /app\r\nRUN make\r\n',
    },
  ],
});
