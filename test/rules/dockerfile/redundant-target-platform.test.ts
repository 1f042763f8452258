import rule from '../../../server/src/rules/dockerfile/redundant-target-platform';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
    { name: 'a value that merely contains it', code: 'FROM --platform=${TARGETPLATFORM}-x alpine' },
    {
      name: 'a global ARG with its own default',
      code: 'ARG TARGETPLATFORM=linux/arm64\nFROM --platform=$TARGETPLATFORM alpine',
    },
  ],
  invalid: [
    {
      name: '$TARGETPLATFORM',
      code: `
FROM --platform=$TARGETPLATFORM alpine:3.20 AS base
     ~~~~~~~~~~~~~~~~~~~~~~~~~~`,
      output: 'FROM alpine:3.20 AS base',
    },
    {
      name: '${TARGETPLATFORM}',
      code: `
FROM --platform=\${TARGETPLATFORM}   alpine:3.20
     ~~~~~~~~~~~~~~~~~~~~~~~~~~~~`,
      output: 'FROM alpine:3.20',
    },
    {
      name: 'CRLF',
      code: 'FROM --platform=$TARGETPLATFORM alpine:3.20\r\nRUN true\r\n',
      ranges: ['0:5-0:31'],
      output: 'FROM alpine:3.20\r\nRUN true\r\n',
    },
  ],
});
