import rule from '../../../server/src/rules/dockerfile/env-self-reference';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM alpine:3.20\nENV A=1\nENV B=$A',
    {
      name: 'a variable that refers to itself',
      code: 'FROM alpine:3.20\nENV PATH=/opt/bin:$PATH GOPATH=/go',
    },
    { name: 'set before', code: 'FROM alpine:3.20\nARG A=0\nENV A=1 B=$A' },
    {
      name: 'inherited from the stage built on',
      code: 'FROM alpine:3.20 AS base\nENV A=0\nFROM base\nENV A=1 B=${A}',
    },
    { name: 'a name that only starts the same', code: 'FROM alpine:3.20\nENV A=1 B=$AB' },
  ],
  invalid: [
    {
      name: 'a variable set by the same ENV',
      code: `
FROM alpine:3.20
ENV APP_HOME=/opt/app APP_BIN=\${APP_HOME}/bin \\
    CONF=$APP_HOME/etc
         ~~~~~~~~~~~~~`,
      ranges: ['1:30-1:45'],
      output: null,
    },
  ],
});
