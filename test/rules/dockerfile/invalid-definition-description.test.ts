import rule from '../../../server/src/rules/dockerfile/invalid-definition-description';
import { testRule } from '../../helpers/rule-tester';

/** BuildKit runs the check only when the file enables it (it is experimental). */
const ON = '# check=experimental=InvalidDefinitionDescription\n';

testRule(rule, {
  valid: [
    { name: 'off unless the file enables it', code: '# a note\nFROM alpine:3.20 AS base' },
    ON + '# base the base image\nFROM alpine:3.20 AS base\n# VERSION the version\nARG VERSION=1',
    { name: 'a blank line separates', code: ON + '# a note\n\nFROM alpine:3.20 AS base' },
    { name: 'an empty comment line separates', code: ON + '# a note\n#\nARG V=1\nFROM alpine' },
    { name: 'a stage without a name', code: ON + '# the base\nFROM alpine:3.20' },
    { name: 'other instructions', code: ON + 'FROM alpine\n# copy it\nCOPY a /a' },
    { name: 'one of several ARG names', code: ON + 'FROM alpine\n# B the second\nARG A=1 B=2' },
    {
      name: 'directives are not descriptions',
      code: ON + '# syntax=docker/dockerfile:1\nARG V=1\nFROM alpine',
    },
  ],
  invalid: [
    {
      name: 'a comment that does not start with the name',
      code: `
# check=experimental=all
FROM alpine:3.20
# the version to install
~~~~~~~~~~~~~~~~~~~~~~~~
ARG VERSION=1`,
      output: null,
    },
    {
      name: 'stage names compare lower-cased',
      code: `
# check=experimental=InvalidDefinitionDescription
# Build the app
~~~~~~~~~~~~~~~
FROM golang:1.22 AS build`,
      output: null,
    },
    { name: 'CRLF', code: ON + 'FROM alpine\r\n# x\r\nARG V=1\r\n', ranges: ['2:0-2:3'], output: null },
  ],
});
