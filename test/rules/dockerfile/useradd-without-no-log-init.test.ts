import rule from '../../../server/src/rules/dockerfile/useradd-without-no-log-init';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN useradd -l -u 123456 app',
    {
      name: 'long flag and grouped',
      code: 'FROM debian:12\nRUN useradd --no-log-init -u 123456 app && useradd -rlu 223456 b',
    },
    { name: 'a small UID', code: 'FROM debian:12\nRUN useradd -u 10001 app' },
    { name: 'no UID', code: 'FROM debian:12\nRUN useradd app' },
  ],
  invalid: [
    {
      name: 'a high UID, from an ARG',
      code: `
FROM debian:12
ARG UID=1000000
RUN groupadd -g 1000 app && useradd -m -u $UID -g app app
                            ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~`,
      output: 'FROM debian:12\nARG UID=1000000\nRUN groupadd -g 1000 app && useradd -l -m -u $UID -g app app',
    },
    {
      name: '--uid=',
      code: `
FROM debian:12
RUN sudo useradd --uid=123456 app
         ~~~~~~~~~~~~~~~~~~~~~~~~`,
      output: 'FROM debian:12\nRUN sudo useradd -l --uid=123456 app',
    },
  ],
});
