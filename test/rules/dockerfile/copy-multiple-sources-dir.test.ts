import rule from '../../../server/src/rules/dockerfile/copy-multiple-sources-dir';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM alpine:3.20\nCOPY a b /app/',
    { name: 'one source', code: 'FROM alpine:3.20\nCOPY a /app/a' },
    {
      name: 'the working directory',
      code: 'FROM alpine:3.20\nWORKDIR /app\nCOPY package.json yarn.lock .\nCOPY a b ./',
    },
    { name: 'a variable ending in a slash', code: 'FROM alpine:3.20\nARG DIR=/app/\nCOPY a b $DIR' },
    { name: 'a variable with no known value', code: 'FROM alpine:3.20\nARG DIR\nCOPY a b $DIR' },
    { name: 'JSON form with a slash', code: 'FROM alpine:3.20\nCOPY ["a", "b", "/app/"]' },
    { name: 'heredoc', code: 'FROM alpine:3.20\nCOPY <<EOF /app/x\nhi\nEOF' },
  ],
  invalid: [
    {
      name: 'COPY and ADD',
      code: `
FROM alpine:3.20
COPY a b /app
         ~~~~
ADD --chown=1:1 x.tar y.tar opt
                            ~~~`,
      output: 'FROM alpine:3.20\nCOPY a b /app/\nADD --chown=1:1 x.tar y.tar opt/',
    },
    {
      name: 'JSON form: the slash goes inside the quotes',
      code: `
FROM alpine:3.20
COPY ["a", "b", "/app"]
                ~~~~~~`,
      output: 'FROM alpine:3.20\nCOPY ["a", "b", "/app/"]',
    },
    {
      name: 'CRLF',
      code: 'FROM alpine:3.20\r\nCOPY a b c\r\n',
      ranges: ['1:9-1:10'],
      output: 'FROM alpine:3.20\r\nCOPY a b c/\r\n',
    },
  ],
});
