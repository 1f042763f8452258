import rule from '../../../server/src/rules/dockerfile/wget-and-curl';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN curl -fsSLO https://x/a && curl -fsSLO https://x/b',
    {
      name: 'different stages',
      code: 'FROM alpine:3.20 AS a\nRUN wget -q https://x/a\nFROM debian:12\nRUN curl -fsSLO https://x/b',
    },
    {
      name: 'installing both is not using both',
      code: 'FROM debian:12\nRUN apt-get install -y curl wget && curl -fsSLO https://x/a',
    },
  ],
  invalid: [
    {
      name: 'the second tool, once',
      code: `
FROM debian:12
RUN wget -q https://x/a
RUN curl -fsSLO https://x/b && curl -fsSLO https://x/c
    ~~~~`,
      output: null,
    },
  ],
});
