import rule from '../../../server/src/rules/dockerfile/apt-no-install-recommends';
import { testRule } from '../../helpers/rule-tester';

const TITLE = 'changes behaviour';

testRule(rule, {
  valid: [
    {
      name: 'aptitude spells it --without-recommends',
      code: 'FROM debian:12\nRUN aptitude install -y -R curl && aptitude install -y --without-recommends git',
    },
    'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl',
    'FROM debian:bookworm-slim\nRUN apt-get --no-install-recommends -y install curl',
    {
      name: 'builder stages are not checked',
      code: `
FROM debian:bookworm AS build
RUN apt-get update && apt-get install -y build-essential
FROM gcr.io/distroless/static-debian12
COPY --from=build /etc/os-release /`,
    },
    {
      name: 'apt.conf written earlier in the chain',
      code: `
FROM debian:bookworm-slim
RUN echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/99norecommends \\
    && apt-get update && apt-get install -y curl`,
    },
    {
      name: 'apt.conf written by a heredoc in the same RUN',
      code: 'FROM debian:bookworm-slim\nRUN cat <<EOF > /etc/apt/apt.conf.d/99norec && apt-get update && apt-get install -y curl\nAPT::Install-Recommends "0";\nEOF',
    },
    {
      name: 'apt.conf written in the stage this one is built on',
      code: `
FROM debian:bookworm-slim AS base
RUN echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/99norecommends
FROM base
RUN apt-get update && apt-get install -y curl`,
    },
    {
      name: '-o APT::Install-Recommends=false',
      code: 'FROM debian:bookworm-slim\nRUN apt-get -o APT::Install-Recommends=false install -y curl',
    },
    {
      name: '--install-recommends=no',
      code: 'FROM debian:bookworm-slim\nRUN apt-get install -y --install-recommends=no curl',
    },
    {
      name: 'sudo and heredoc with the flag',
      code: 'FROM debian:bookworm-slim\nRUN <<EOF\nsudo apt-get update\nsudo apt-get install -y --no-install-recommends curl\nEOF',
    },
    {
      name: 'JSON form is not checked',
      code: 'FROM debian:bookworm-slim\nRUN ["apt-get", "install", "-y", "curl"]',
    },
  ],
  invalid: [
    {
      name: 'missing flag',
      code: `
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y curl
                      ~~~~~~~~~~~~~~~`,
      output:
        'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install --no-install-recommends -y curl',
    },
    {
      name: 'through sudo, with apt',
      code: `
FROM ubuntu:24.04
RUN sudo apt install -y curl
         ~~~~~~~~~~~`,
      output: 'FROM ubuntu:24.04\nRUN sudo apt install --no-install-recommends -y curl',
    },
    {
      name: 'in a heredoc',
      code: `
FROM debian:bookworm-slim
RUN <<EOF
apt-get update
  apt-get install -y curl
  ~~~~~~~~~~~~~~~
EOF`,
      output:
        'FROM debian:bookworm-slim\nRUN <<EOF\napt-get update\n  apt-get install --no-install-recommends -y curl\nEOF',
    },
    {
      name: 'in a stage the final stage is built on',
      code: `
FROM debian:bookworm-slim AS base
RUN apt-get update && apt-get install -y tini
                      ~~~~~~~~~~~~~~~
FROM base
CMD ["tini", "--", "app"]`,
      output:
        'FROM debian:bookworm-slim AS base\nRUN apt-get update && apt-get install --no-install-recommends -y tini\nFROM base\nCMD ["tini", "--", "app"]',
    },
    {
      name: 'the -o of another stage does not count',
      code: `
FROM debian:bookworm-slim AS other
RUN echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/99norecommends
FROM debian:bookworm-slim
RUN apt-get install -y curl
    ~~~~~~~~~~~~~~~`,
      fixTitle: TITLE,
      output:
        'FROM debian:bookworm-slim AS other\nRUN echo \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/99norecommends\nFROM debian:bookworm-slim\nRUN apt-get install --no-install-recommends -y curl',
    },
    {
      name: 'CRLF',
      code: 'FROM debian:bookworm-slim\r\nRUN apt-get update \\\r\n && apt-get install -y curl\r\n',
      ranges: ['2:4-2:19'],
      output:
        'FROM debian:bookworm-slim\r\nRUN apt-get update \\\r\n && apt-get install --no-install-recommends -y curl\r\n',
    },
  ],
});
