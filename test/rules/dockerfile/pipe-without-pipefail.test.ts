import rule from '../../../server/src/rules/dockerfile/pipe-without-pipefail';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM alpine:3.20\nRUN set -o pipefail && wget -qO- https://example.com/x | tar -x',
    {
      name: 'grouped set flags',
      code: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN set -euxo pipefail; curl -fsSL https://x | bash',
    },
    {
      name: 'SHELL with pipefail',
      code: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://x | bash',
    },
    {
      name: 'SHELL inherited from the stage built on',
      code: 'FROM debian:12 AS base\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nFROM base\nRUN curl -fsSL https://x | bash',
    },
    {
      name: 'PowerShell',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Get-ChildItem | Select-Object Name',
    },
    { name: 'or is not a pipe', code: 'FROM alpine:3.20\nRUN test -f /x || exit 1' },
    { name: 'exec form', code: 'FROM alpine:3.20\nRUN ["sh", "-c", "a | b"]' },
    { name: 'a pipe inside quotes', code: "FROM alpine:3.20\nRUN echo 'a | b' > /x" },
    {
      name: 'a heredoc run by its own interpreter',
      code: 'FROM debian:12\nRUN <<EOF\n#!/bin/bash\nset -eo pipefail\ncurl x | sh\nEOF',
    },
  ],
  invalid: [
    {
      name: 'Alpine: prefix, whole pipeline marked',
      code: `
FROM alpine:3.20
RUN apk add --no-cache curl && curl -fsSL https://x | tar -xz | wc -l
                               ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~`,
      output:
        'FROM alpine:3.20\nRUN set -o pipefail && apk add --no-cache curl && curl -fsSL https://x | tar -xz | wc -l',
    },
    {
      name: 'Debian: one SHELL line before the first RUN of the stage',
      code: `
FROM debian:12
RUN curl -fsSL https://x | bash
    ~~~~~~~~~~~~~~~~~~~~~~~~~~~
RUN echo hi | tee /x
    ~~~~~~~~~~~~~~~~`,
      messageIds: ['pipe', 'pipe'],
      output:
        'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://x | bash\nRUN echo hi | tee /x',
    },
    {
      name: 'bash set by SHELL without pipefail: prefix',
      code: `
FROM ubuntu:24.04
SHELL ["/bin/bash", "-c"]
RUN cat /etc/os-release | grep -q noble
    ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~`,
      output:
        'FROM ubuntu:24.04\nSHELL ["/bin/bash", "-c"]\nRUN set -o pipefail && cat /etc/os-release | grep -q noble',
    },
    {
      name: 'an unknown image: no fix',
      code: `
FROM example.com/base:1
RUN a | b
    ~~~~~`,
      output: null,
    },
    {
      name: 'set -o pipefail after the pipe does not count',
      code: `
FROM alpine:3.20
RUN a | b && set -o pipefail
    ~~~~~`,
      output: 'FROM alpine:3.20\nRUN set -o pipefail && a | b && set -o pipefail',
    },
    {
      name: 'heredoc, CRLF',
      code: 'FROM alpine:3.20\r\nRUN <<EOF\r\nmkdir /x\r\nwget -qO- x | tar -x\r\nEOF',
      ranges: ['3:0-3:20'],
      output: 'FROM alpine:3.20\r\nRUN <<EOF\r\nset -o pipefail && mkdir /x\r\nwget -qO- x | tar -x\r\nEOF',
    },
  ],
});
