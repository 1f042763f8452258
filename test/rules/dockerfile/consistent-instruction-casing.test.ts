import rule from '../../../server/src/rules/dockerfile/consistent-instruction-casing';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM alpine:3.20\nRUN true\nCMD ["sh"]',
    'from alpine:3.20\nrun true\ncmd ["sh"]',
    { name: 'global ARGs are not counted or judged', code: 'arg V=1\nFROM alpine:3.20\nRUN true' },
  ],
  invalid: [
    {
      name: 'one lower-case keyword among upper-case ones',
      code: `
FROM alpine:3.20
run apk add --no-cache curl
~~~
CMD ["sh"]`,
      output: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nCMD ["sh"]',
    },
    {
      name: 'lower-case majority; mixed case is always reported',
      code: `
from alpine:3.20
Run true
~~~
COPY a b
~~~~
cmd ["sh"]`,
      output: 'from alpine:3.20\nrun true\ncopy a b\ncmd ["sh"]',
    },
    {
      name: 'a tie goes to upper case',
      code: `
FROM alpine:3.20
run true
~~~`,
      output: 'FROM alpine:3.20\nRUN true',
    },
    {
      name: 'CRLF',
      code: 'FROM alpine:3.20\r\nrun true\r\nCMD ["sh"]\r\n',
      ranges: ['1:0-1:3'],
      output: 'FROM alpine:3.20\r\nRUN true\r\nCMD ["sh"]\r\n',
    },
  ],
});
