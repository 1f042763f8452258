import rule from '../../../server/src/rules/dockerfile/apt-version-unpinned';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get install -y curl=7.88.1-10 git=1:2.39.5-0',
    {
      name: 'a version from an ARG without a default',
      code: 'FROM debian:12\nARG V\nRUN apt-get install -y curl=${V}',
    },
    {
      name: 'a target release',
      code: 'FROM debian:12\nRUN apt-get install -y -t bookworm-backports curl/bookworm-backports',
    },
    {
      name: 'a local package file',
      code: 'FROM debian:12\nCOPY app.deb /tmp/\nRUN apt-get install -y /tmp/app.deb',
    },
    {
      name: 'a variable with no known value',
      code: 'FROM debian:12\nARG PACKAGES\nRUN apt-get install -y $PACKAGES',
    },
    {
      name: 'a variable holding pinned packages',
      code: 'FROM debian:12\nARG PACKAGES="curl=7.88 git=2.39"\nRUN apt-get install -y $PACKAGES',
    },
    {
      name: 'flag values are not packages',
      code: 'FROM debian:12\nRUN apt-get -o Dpkg::Options::=--force-confnew install -y curl=7.88',
    },
    { name: 'other subcommands', code: 'FROM debian:12\nRUN apt-get update && apt-get remove -y curl' },
  ],
  invalid: [
    {
      name: 'each unpinned package',
      code: `
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl git=1:2.39 ca-certificates
                                                                 ~~~~            ~~~~~~~~~~~~~~~`,
      output: null,
    },
    {
      name: 'apt, through sudo, in a builder stage',
      code: `
FROM debian:12 AS build
RUN sudo apt install -y make
                        ~~~~
FROM scratch`,
      output: null,
    },
    {
      name: 'a variable holding an unpinned package',
      code: `
FROM debian:12
ENV TOOLS="curl=7.88 jq"
RUN apt-get install -y \${TOOLS}
                       ~~~~~~~~`,
      messageIds: ['unpinned'],
      output: null,
    },
    {
      name: 'heredoc and CRLF',
      code: 'FROM debian:12\r\nRUN <<EOF\r\napt-get install -y curl\r\nEOF',
      ranges: ['2:19-2:23'],
      output: null,
    },
  ],
});
