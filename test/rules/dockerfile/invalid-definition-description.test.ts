import rule from '../../../server/src/rules/dockerfile/invalid-definition-description';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    '# base the base image\nFROM alpine:3.20 AS base\n# VERSION the version\nARG VERSION=1',
    { name: 'a blank line separates', code: '# a note\n\nFROM alpine:3.20 AS base' },
    { name: 'an empty comment line separates', code: '# a note\n#\nARG V=1\nFROM alpine' },
    { name: 'a stage without a name', code: '# the base\nFROM alpine:3.20' },
    { name: 'other instructions', code: 'FROM alpine\n# copy it\nCOPY a /a' },
    { name: 'one of several ARG names', code: 'FROM alpine\n# B the second\nARG A=1 B=2' },
    { name: 'directives are not descriptions', code: '# syntax=docker/dockerfile:1\nARG V=1\nFROM alpine' },
  ],
  invalid: [
    {
      name: 'a comment that does not start with the name',
      code: `
FROM alpine:3.20
# the version to install
~~~~~~~~~~~~~~~~~~~~~~~~
ARG VERSION=1`,
      output: null,
    },
    {
      name: 'stage names compare lower-cased',
      code: `
# Build the app
~~~~~~~~~~~~~~~
FROM golang:1.22 AS build`,
      output: null,
    },
    { name: 'CRLF', code: 'FROM alpine\r\n# x\r\nARG V=1\r\n', ranges: ['1:0-1:3'], output: null },
  ],
});
