import rule from '../../../server/src/rules/dockerfile/duplicate-stage-name';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM golang:1.22 AS build-api\nFROM node:20 AS build-web\nFROM alpine:3.20',
    { name: 'unnamed stages', code: 'FROM golang:1.22\nFROM alpine:3.20' },
    {
      name: 'a stage built FROM a stage with a new name',
      code: 'FROM alpine:3.20 AS base\nFROM base AS final',
    },
    { name: 'the image name is not a stage name', code: 'FROM build:1.0 AS app\nFROM alpine:3.20 AS build' },
  ],
  invalid: [
    {
      name: 'the same name twice',
      code: `
FROM golang:1.22 AS build
FROM node:20 AS build
                ~~~~~`,
      messageIds: ['duplicate'],
      output: null,
    },
    {
      name: 'names compare case-insensitively, every repeat is reported',
      code: `
FROM golang:1.22 as Build
RUN go build ./...
FROM node:20 AS build
                ~~~~~
FROM alpine:3.20 AS BUILD
                    ~~~~~`,
    },
    {
      name: 'CRLF file',
      code: 'FROM alpine:3.20 AS a\r\nFROM alpine:3.20 AS a\r\n',
      ranges: ['1:20-1:21'],
      output: null,
    },
  ],
});
