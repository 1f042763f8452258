import rule from '../../../server/src/rules/dockerfile/wget-progress';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN wget -q https://x/a && wget -nv https://x/b && wget --progress=dot:giga https://x/c',
    {
      name: 'grouped quiet flag, output log',
      code: 'FROM debian:12\nRUN wget -qO- https://x | tar -x && wget -o /tmp/log https://x/d',
    },
    {
      name: 'flags from an ARG',
      code: 'FROM debian:12\nARG WGET_OPTS=--quiet\nRUN wget $WGET_OPTS https://x',
    },
  ],
  invalid: [
    {
      name: 'a plain download',
      code: `
FROM debian:12
RUN wget -O /tmp/app.tgz https://x/app.tgz
    ~~~~`,
      output: null,
    },
  ],
});
