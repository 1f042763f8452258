import rule from '../../../server/src/rules/dockerfile/undefined-arg-in-from';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}-alpine',
    { name: 'predefined platform arguments', code: 'FROM --platform=$BUILDPLATFORM golang:1.22-$TARGETOS' },
    { name: 'an ARG without a default is declared', code: 'ARG BASE\nFROM $BASE' },
    { name: 'an escaped dollar', code: 'FROM alpine\\$X' },
  ],
  invalid: [
    {
      name: 'a typo, fixed to the declared name',
      code: `
ARG NODE_VERSION=20
FROM node:\${NODE_VERSON}-alpine
            ~~~~~~~~~~~`,
      messageIds: ['suggest'],
      output: 'ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}-alpine',
    },
    {
      name: 'nothing close',
      code: `
FROM alpine:$TAG
             ~~~`,
      messageIds: ['undefined'],
      output: null,
    },
    {
      name: 'in the platform flag',
      code: `
FROM --platform=$PLATFORM alpine
                 ~~~~~~~~`,
      output: null,
    },
    {
      name: 'CRLF',
      code: 'ARG TAG=3\r\nFROM alpine:$TAGG\r\n',
      ranges: ['1:13-1:17'],
      output: 'ARG TAG=3\r\nFROM alpine:$TAG\r\n',
    },
  ],
});
