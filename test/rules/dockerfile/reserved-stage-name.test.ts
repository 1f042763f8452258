import rule from '../../../server/src/rules/dockerfile/reserved-stage-name';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM alpine:3.20 AS base',
    { name: 'FROM scratch is the empty image, not a stage name', code: 'FROM scratch\nCOPY a /a' },
    { name: 'a name that contains a reserved word', code: 'FROM alpine:3.20 AS scratch-base' },
  ],
  invalid: [
    {
      name: 'scratch',
      code: `
FROM alpine:3.20 AS scratch
                    ~~~~~~~`,
      output: null,
    },
    {
      name: 'context, in any case',
      code: `
FROM alpine:3.20 AS Context
                    ~~~~~~~`,
      output: null,
    },
    { name: 'CRLF', code: 'FROM alpine:3.20 AS context\r\n', ranges: ['0:20-0:27'], output: null },
  ],
});
