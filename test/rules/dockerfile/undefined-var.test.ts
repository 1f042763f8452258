import rule from '../../../server/src/rules/dockerfile/undefined-var';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM alpine:3.20\nARG APP=web\nWORKDIR /srv/$APP',
    {
      name: 'the base image may define it',
      code: 'FROM node:20\nENV PATH=/app/bin:$PATH\nWORKDIR $NODE_HOME',
    },
    { name: 'ENV from the parent stage', code: 'FROM alpine AS base\nENV APP=/a\nFROM base\nWORKDIR $APP' },
    { name: 'RUN bodies are left to the shell', code: 'FROM scratch\nRUN echo $HOME' },
    { name: 'single quotes do not expand', code: "FROM scratch\nLABEL a='$NOPE'" },
    {
      name: 'a declared platform argument',
      code: 'FROM alpine\nARG TARGETARCH\nCOPY bin/$TARGETARCH/app /app',
    },
    { name: 'PATH is always set', code: 'FROM scratch\nENV PATH=/bin:$PATH' },
    {
      name: 'PATH is no suggestion: GOPATH comes from the golang image',
      code: 'FROM golang:1.22\nWORKDIR $GOPATH/src',
    },
  ],
  invalid: [
    {
      name: 'a typo of a declared ARG',
      code: `
FROM alpine:3.20
ARG APP_NAME=web
WORKDIR /srv/$APP_NAM
              ~~~~~~~`,
      messageIds: ['suggest'],
      output: 'FROM alpine:3.20\nARG APP_NAME=web\nWORKDIR /srv/$APP_NAME',
    },
    {
      name: 'a predefined platform argument not declared in the stage',
      code: `
FROM alpine:3.20
COPY bin/\${TARGETARCH}/app /app
           ~~~~~~~~~~`,
      messageIds: ['platform'],
      output: 'FROM alpine:3.20\nARG TARGETARCH\nCOPY bin/${TARGETARCH}/app /app',
    },
    {
      name: 'anything undeclared in a stage built from scratch',
      code: `
FROM scratch
USER $APP_USER
      ~~~~~~~~`,
      messageIds: ['scratch'],
      output: null,
    },
    {
      name: 'a global ARG is not visible in a stage built from scratch',
      code: `
ARG VERSION=1
FROM scratch
LABEL version=$VERSION
               ~~~~~~~`,
      output: null,
    },
    {
      name: 'CRLF',
      code: 'FROM alpine\r\nARG HOME_DIR=/h\r\nWORKDIR $HOME_DR\r\n',
      ranges: ['2:9-2:16'],
      output: 'FROM alpine\r\nARG HOME_DIR=/h\r\nWORKDIR $HOME_DIR\r\n',
    },
  ],
});
