import rule from '../../../server/src/rules/dockerfile/consecutive-run';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM alpine:3.20\nRUN mkdir /app && chown 1000 /app',
    {
      name: 'another instruction between',
      code: 'FROM alpine:3.20\nRUN mkdir /app\nWORKDIR /app\nRUN touch x',
    },
    {
      name: 'different flags',
      code: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache pip install x\nRUN pip check',
    },
    { name: 'long RUNs', code: 'FROM alpine:3.20\nRUN a && b && c\nRUN d' },
    { name: 'different stages', code: 'FROM alpine:3.20 AS a\nRUN a\nFROM alpine:3.20\nRUN b' },
  ],
  invalid: [
    {
      name: 'joined with a continuation',
      code: `
FROM alpine:3.20
RUN mkdir /app
# then hand it over
RUN chown 1000 /app
~~~`,
      output: 'FROM alpine:3.20\nRUN mkdir /app && \\\n# then hand it over\n    chown 1000 /app',
    },
    {
      name: 'a cd in the first RUN: no fix',
      code: `
FROM alpine:3.20
RUN cd /tmp
RUN ls
~~~`,
      output: null,
    },
    {
      name: 'heredoc: no fix; CRLF',
      code: 'FROM alpine:3.20\r\nRUN <<EOF\r\necho a\r\nEOF\r\nRUN echo b',
      ranges: ['4:0-4:3'],
      output: null,
    },
  ],
});
