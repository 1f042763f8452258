import rule from '../../../server/src/rules/dockerfile/from-as-casing';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM golang:1.22 AS build',
    'from golang:1.22 as build',
    { name: 'no AS', code: 'FROM golang:1.22' },
    { name: 'mixed-case FROM is another rule’s finding', code: 'From golang:1.22 as build' },
  ],
  invalid: [
    {
      name: 'upper FROM, lower as',
      code: `
FROM golang:1.22 as build
                 ~~`,
      output: 'FROM golang:1.22 AS build',
    },
    {
      name: 'lower from, upper AS',
      code: `
from golang:1.22 AS build
                 ~~`,
      output: 'from golang:1.22 as build',
    },
    {
      name: 'mixed As under FROM',
      code: `
FROM --platform=$BUILDPLATFORM golang:1.22 As build
                                           ~~`,
      output: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
    },
    {
      name: 'CRLF',
      code: 'FROM golang:1.22 as build\r\nRUN true\r\n',
      ranges: ['0:17-0:19'],
      output: 'FROM golang:1.22 AS build\r\nRUN true\r\n',
    },
  ],
});
