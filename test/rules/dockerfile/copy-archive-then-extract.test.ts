import rule from '../../../server/src/rules/dockerfile/copy-archive-then-extract';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM debian:12\nADD app.tar.gz /opt/',
    {
      name: 'unpacked from a bind mount',
      code: 'FROM debian:12\nRUN --mount=type=bind,source=app.zip,target=/tmp/app.zip unzip /tmp/app.zip -d /opt',
    },
    { name: 'copied, not unpacked', code: 'FROM debian:12\nCOPY app.tar.gz /srv/downloads/' },
    {
      name: 'another archive is unpacked',
      code: 'FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/other.tar.gz',
    },
    {
      name: 'a builder stage is thrown away',
      code: 'FROM debian:12 AS build\nCOPY src.tar.gz /tmp/\nRUN tar xzf /tmp/src.tar.gz\nFROM debian:12\nCOPY --from=build /src /src',
    },
    {
      name: 'COPY --from another stage',
      code: 'FROM debian:12\nCOPY --from=dist /out/app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz',
    },
    {
      name: 'tar creates an archive',
      code: 'FROM debian:12\nCOPY app.tar /tmp/\nRUN tar -cf /tmp/app.tar /opt',
    },
    {
      name: 'the RUN comes first',
      code: 'FROM debian:12\nRUN tar -xf /tmp/app.tar || true\nCOPY app.tar /tmp/',
    },
    { name: 'a wildcard source', code: 'FROM debian:12\nCOPY *.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz' },
  ],
  invalid: [
    {
      name: 'a tar archive: ADD unpacks it',
      code: `
FROM debian:12
COPY app.tar.gz /tmp/
     ~~~~~~~~~~
RUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz`,
      messageIds: ['tar'],
      output: null,
    },
    {
      name: 'a zip archive: a bind mount',
      code: `
FROM debian:12
COPY ["dist/site.zip", "/tmp/"]
      ~~~~~~~~~~~~~~~
RUN unzip /tmp/site.zip -d /var/www`,
      messageIds: ['other'],
    },
    {
      name: 'renamed by the COPY, old-style tar flags, CRLF',
      code: 'FROM debian:12\r\nCOPY release-1.2.tgz /tmp/app.tgz\r\nRUN cd /opt && tar xzf /tmp/app.tgz\r\n',
      ranges: ['1:5-1:20'],
      messageIds: ['tar'],
    },
    {
      name: 'decompressed with xz -d',
      code: `
FROM debian:12
COPY data.xz /data/
     ~~~~~~~
RUN xz -d /data/data.xz`,
    },
  ],
});
