import rule from '../../../server/src/rules/dockerfile/stage-name-casing';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM golang:1.22 AS build\nRUN go build .',
    { name: 'no stage name', code: 'FROM golang:1.22\nRUN go build .' },
    { name: 'digits and dashes are lower case', code: 'FROM golang:1.22 AS build-2\nRUN go build .' },
  ],
  invalid: [
    {
      name: 'a capital letter; references keep working, being case-insensitive',
      code: `
FROM golang:1.22 AS Build
                    ~~~~~
FROM scratch
COPY --from=Build /app /app`,
      output: 'FROM golang:1.22 AS build\nFROM scratch\nCOPY --from=Build /app /app',
    },
    {
      name: 'lower-case as',
      code: `
from golang:1.22 as BUILD
                    ~~~~~`,
      output: 'from golang:1.22 as build',
    },
    {
      name: 'CRLF',
      code: 'FROM golang:1.22 AS Build\r\nRUN go build .\r\n',
      ranges: ['0:20-0:25'],
      output: 'FROM golang:1.22 AS build\r\nRUN go build .\r\n',
    },
  ],
});
