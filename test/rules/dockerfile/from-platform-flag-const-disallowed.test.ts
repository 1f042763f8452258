import rule from '../../../server/src/rules/dockerfile/from-platform-flag-const-disallowed';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
    { name: 'no flag', code: 'FROM golang:1.22' },
    {
      name: 'the stage is named for its architecture',
      code: 'FROM --platform=linux/amd64 alpine AS build-amd64',
    },
    { name: 'the stage is named for its OS', code: 'FROM --platform=windows/amd64 alpine AS windows-tools' },
    {
      name: 'an aarch64 spelling matches arm64 in the name',
      code: 'FROM --platform=linux/aarch64 alpine AS arm64',
    },
    { name: 'not a platform BuildKit can parse', code: 'FROM --platform=linux/amd64/v3/x alpine' },
  ],
  invalid: [
    {
      name: 'linux/amd64',
      code: `
FROM --platform=linux/amd64 golang:1.22 AS build
                ~~~~~~~~~~~`,
      output: null,
    },
    {
      name: 'an architecture alone',
      code: `
FROM --platform=arm64 alpine
                ~~~~~`,
      output: null,
    },
    { name: 'CRLF', code: 'FROM --platform=linux/arm64 alpine\r\n', ranges: ['0:16-0:27'], output: null },
  ],
});
