import rule from '../../../server/src/rules/dockerfile/apt-get-upgrade';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl',
    { name: 'upgrading one package', code: 'FROM debian:12\nRUN apt-get install -y --only-upgrade openssl' },
    { name: 'the word in an echo', code: 'FROM debian:12\nRUN echo apt-get upgrade' },
  ],
  invalid: [
    {
      name: 'upgrade and dist-upgrade',
      code: `
FROM debian:12
RUN apt-get update && apt-get -y upgrade && apt-get dist-upgrade -y
                                 ~~~~~~~            ~~~~~~~~~~~~`,
      messageIds: ['upgrade', 'distUpgrade'],
      output: null,
    },
    {
      name: 'apt full-upgrade',
      code: `
FROM debian:12
RUN apt full-upgrade -y
        ~~~~~~~~~~~~`,
      output: null,
    },
    {
      name: 'CRLF',
      code: 'FROM debian:12\r\nRUN apt-get upgrade -y\r\n',
      ranges: ['1:12-1:19'],
      output: null,
    },
  ],
});
