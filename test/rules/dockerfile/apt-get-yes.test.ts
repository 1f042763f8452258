import rule from '../../../server/src/rules/dockerfile/apt-get-yes';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl',
    'FROM debian:bookworm-slim\nRUN apt-get -y install curl',
    'FROM debian:bookworm-slim\nRUN apt-get install --yes curl',
    'FROM debian:bookworm-slim\nRUN apt-get install --assume-yes curl',
    { name: 'grouped short flags', code: 'FROM debian:bookworm-slim\nRUN apt-get install -qy curl' },
    { name: 'quiet level 2 implies -y', code: 'FROM debian:bookworm-slim\nRUN apt-get -qq install curl' },
    { name: 'quiet level 2 with =', code: 'FROM debian:bookworm-slim\nRUN apt-get -q=2 install curl' },
    { name: 'yes piped in', code: 'FROM debian:bookworm-slim\nRUN yes | apt-get install curl' },
    { name: 'echo y piped in', code: 'FROM debian:bookworm-slim\nRUN echo y | sudo apt-get install curl' },
    { name: 'simulation', code: 'FROM debian:bookworm-slim\nRUN apt-get install -s curl' },
    {
      name: 'assume-yes set with -o',
      code: 'FROM debian:bookworm-slim\nRUN apt-get -o APT::Get::Assume-Yes=true install curl',
    },
    {
      name: 'assume-yes set in apt.conf by an earlier RUN of the parent stage',
      code: `
FROM debian:bookworm-slim AS base
RUN echo 'APT::Get::Assume-Yes "true";' > /etc/apt/apt.conf.d/90yes
FROM base
RUN apt-get update && apt-get install curl`,
    },
    { name: 'other subcommands', code: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get clean' },
    { name: 'sudo with -y', code: 'FROM debian:bookworm-slim\nRUN sudo -u root apt-get install -y curl' },
    {
      name: 'heredoc with -y',
      code: 'FROM debian:bookworm-slim\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF',
    },
    {
      name: 'JSON form is not checked',
      code: 'FROM debian:bookworm-slim\nRUN ["apt-get", "install", "curl"]',
    },
    {
      name: 'a heredoc written to a file is data, not commands',
      code: 'FROM debian:bookworm-slim\nRUN cat <<EOF > /notes.txt\napt-get install curl\nEOF',
    },
    {
      name: 'flags in a variable',
      code: 'FROM debian:bookworm-slim\nARG APT_OPTS="-y --no-install-recommends"\nRUN apt-get install $APT_OPTS curl',
    },
    {
      name: 'a variable with no known value may hold -y',
      code: 'FROM debian:bookworm-slim\nARG APT_OPTS\nRUN apt-get install ${APT_OPTS} curl',
    },
    {
      name: 'apt-get named as an argument',
      code: 'FROM debian:bookworm-slim\nRUN echo apt-get install curl',
    },
  ],
  invalid: [
    {
      name: 'missing -y',
      code: `
FROM debian:bookworm-slim
RUN apt-get update && apt-get install curl
                      ~~~~~~~~~~~~~~~`,
      output: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl',
    },
    {
      name: 'apt as well as apt-get',
      code: `
FROM ubuntu:24.04
RUN apt install --no-install-recommends curl
    ~~~~~~~~~~~`,
      output: 'FROM ubuntu:24.04\nRUN apt install -y --no-install-recommends curl',
    },
    {
      name: 'through sudo, with a single -q',
      code: `
FROM debian:bookworm-slim
RUN sudo apt-get -q install curl
         ~~~~~~~~~~~~~~~~~~`,
      output: 'FROM debian:bookworm-slim\nRUN sudo apt-get -q install -y curl',
    },
    {
      name: 'in a heredoc, in a builder stage too',
      code: `
FROM debian:bookworm AS build
RUN <<EOF
apt-get update
apt-get install build-essential
~~~~~~~~~~~~~~~
EOF
FROM scratch
COPY --from=build /etc/os-release /`,
      output:
        'FROM debian:bookworm AS build\nRUN <<EOF\napt-get update\napt-get install -y build-essential\nEOF\nFROM scratch\nCOPY --from=build /etc/os-release /',
    },
    {
      name: 'assume-yes in another stage does not count',
      code: `
FROM debian:bookworm-slim AS other
RUN echo 'APT::Get::Assume-Yes "true";' > /etc/apt/apt.conf.d/90yes
FROM debian:bookworm-slim
RUN apt-get install curl
    ~~~~~~~~~~~~~~~`,
      output:
        'FROM debian:bookworm-slim AS other\nRUN echo \'APT::Get::Assume-Yes "true";\' > /etc/apt/apt.conf.d/90yes\nFROM debian:bookworm-slim\nRUN apt-get install -y curl',
    },
    {
      name: 'a variable holding only packages',
      code: `
FROM debian:bookworm-slim
ARG PACKAGES="curl git"
RUN apt-get install $PACKAGES
    ~~~~~~~~~~~~~~~`,
      output: 'FROM debian:bookworm-slim\nARG PACKAGES="curl git"\nRUN apt-get install -y $PACKAGES',
    },
    {
      name: 'continuation lines and CRLF',
      code: 'FROM debian:bookworm-slim\r\nRUN apt-get update \\\r\n    && apt-get install \\\r\n      curl\r\n',
      ranges: ['2:7-2:22'],
      output:
        'FROM debian:bookworm-slim\r\nRUN apt-get update \\\r\n    && apt-get install -y \\\r\n      curl\r\n',
    },
  ],
});
