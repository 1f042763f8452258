import rule from '../../../server/src/rules/dockerfile/apt-update-separate';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl',
    {
      name: 'update with nothing installed later',
      code: 'FROM debian:bookworm-slim\nRUN apt-get update\nCMD ["bash"]',
    },
    {
      name: 'update and upgrade in one RUN',
      code: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get upgrade -y\nRUN apt-get install -y curl',
    },
    {
      name: 'install in another stage',
      code: `
FROM debian:bookworm-slim AS lists
RUN apt-get update
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y curl`,
    },
    {
      name: 'sudo in one RUN',
      code: 'FROM ubuntu:24.04\nRUN sudo apt update && sudo apt install -y curl',
    },
    {
      name: 'heredoc that updates and installs',
      code: 'FROM debian:bookworm-slim\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\nRUN apt-get install -y git',
    },
    {
      name: 'JSON form is not checked',
      code: 'FROM debian:bookworm-slim\nRUN ["apt-get", "update"]\nRUN apt-get install -y curl',
    },
    { name: 'apk is not apt', code: 'FROM alpine:3.20\nRUN apk update\nRUN apk add curl' },
  ],
  invalid: [
    {
      name: 'update in a RUN of its own',
      code: `
FROM debian:bookworm-slim
RUN apt-get update
    ~~~~~~~~~~~~~~
RUN apt-get install -y curl`,
      messageIds: ['stale'],
      output: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl',
    },
    {
      name: 'apt, after adding a repository: only the update is removed',
      code: `
FROM ubuntu:24.04
RUN echo "deb http://deb.example.com stable main" > /etc/apt/sources.list.d/x.list && apt update -qq
                                                                                      ~~~~~~~~~~~~~~
RUN apt install -y x`,
      output:
        'FROM ubuntu:24.04\nRUN echo "deb http://deb.example.com stable main" > /etc/apt/sources.list.d/x.list\nRUN apt update -qq && apt install -y x',
    },
    {
      name: 'update before independent commands, over continuation lines',
      code: `
FROM debian:bookworm-slim
RUN apt-get update \\
    ~~~~~~~~~~~~~~
    && mkdir -p /app
RUN apt-get install -y curl`,
      output: 'FROM debian:bookworm-slim\nRUN mkdir -p /app\nRUN apt-get update && apt-get install -y curl',
    },
    {
      name: 'every later install updates again',
      code: `
FROM debian:bookworm-slim
RUN apt-get update
    ~~~~~~~~~~~~~~
RUN apt-get update && apt-get install -y curl`,
      messageIds: ['redundant'],
      output: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl',
    },
    {
      name: 'sudo, with every later RUN that reads the lists',
      code: `
FROM ubuntu:24.04
RUN sudo apt-get update
    ~~~~~~~~~~~~~~~~~~~
RUN sudo apt-get install -y curl
RUN echo hi
RUN yes | apt-get install git`,
      output:
        'FROM ubuntu:24.04\nRUN sudo apt-get update && sudo apt-get install -y curl\nRUN echo hi\nRUN sudo apt-get update && yes | apt-get install git',
    },
    {
      name: 'heredoc with only the update: the RUN goes',
      code: `
FROM debian:bookworm-slim
RUN <<EOF
set -e
apt-get update
~~~~~~~~~~~~~~
EOF
RUN apt-get install -y curl`,
      output: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl',
    },
    {
      name: 'heredoc: the update line goes',
      code: `
FROM debian:bookworm-slim
RUN <<EOF
echo "deb http://deb.example.com stable main" > /etc/apt/sources.list.d/x.list
  apt-get update
  ~~~~~~~~~~~~~~
EOF
RUN <<EOF
apt-get install -y x
EOF`,
      output:
        'FROM debian:bookworm-slim\nRUN <<EOF\necho "deb http://deb.example.com stable main" > /etc/apt/sources.list.d/x.list\nEOF\nRUN <<EOF\napt-get update && apt-get install -y x\nEOF',
    },
    {
      name: 'two separate updates',
      code: `
FROM debian:bookworm-slim
RUN apt-get update
    ~~~~~~~~~~~~~~
RUN apt-get -q update
    ~~~~~~~~~~~~~~~~~
RUN apt-get install -y curl`,
      output: 'FROM debian:bookworm-slim\nRUN apt-get -q update && apt-get install -y curl',
    },
    {
      name: 'no fix when later commands of the RUN may use the lists',
      code: `
FROM debian:bookworm-slim
RUN apt-get update && ./install-deps.sh
    ~~~~~~~~~~~~~~
RUN apt-get install -y curl`,
      output: null,
    },
    {
      name: 'no fix when a failing update is tolerated',
      code: `
FROM debian:bookworm-slim
RUN apt-get update || true
    ~~~~~~~~~~~~~~
RUN apt-get install -y curl`,
      output: null,
    },
    {
      name: 'apt-get clean after the update is independent',
      code: `
FROM debian:bookworm-slim
RUN mkdir /app; apt-get update; apt-get clean
                ~~~~~~~~~~~~~~
RUN apt-get install -y curl`,
      output:
        'FROM debian:bookworm-slim\nRUN mkdir /app; apt-get clean\nRUN apt-get update && apt-get install -y curl',
    },
    {
      name: 'no fix when the install follows ||',
      code: `
FROM debian:bookworm-slim
RUN apt-get update
    ~~~~~~~~~~~~~~
RUN command -v curl || apt-get install -y curl`,
      output: null,
    },
    {
      name: 'no fix when a stage built on this one uses the lists',
      code: `
FROM debian:bookworm-slim AS base
RUN apt-get update
    ~~~~~~~~~~~~~~
RUN apt-get install -y curl
FROM base
RUN apt-get install -y git`,
      output: null,
    },
    {
      name: 'CRLF',
      code: 'FROM debian:bookworm-slim\r\nRUN apt-get update\r\nRUN apt-get install -y curl\r\n',
      ranges: ['1:4-1:18'],
      output: 'FROM debian:bookworm-slim\r\nRUN apt-get update && apt-get install -y curl\r\n',
    },
  ],
});
