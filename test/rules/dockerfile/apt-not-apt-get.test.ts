import rule from '../../../server/src/rules/dockerfile/apt-not-apt-get';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-cache policy curl',
    { name: 'installing the apt package', code: 'FROM debian:12\nRUN apt-get install -y apt' },
  ],
  invalid: [
    {
      name: 'apt-get and apt-cache equivalents',
      code: `
FROM debian:12
RUN apt update && /usr/bin/apt install -y curl && sudo apt show curl
    ~~~~~~~~~~    ~~~~~~~~~~~~~~~~~~~~                 ~~~~~~~~`,
      output:
        'FROM debian:12\nRUN apt-get update && /usr/bin/apt-get install -y curl && sudo apt-cache show curl',
    },
    {
      name: 'upgrade means something else: no fix',
      code: `
FROM debian:12
RUN apt upgrade -y
    ~~~~~~~~~~~`,
      output: null,
    },
    {
      name: 'CRLF heredoc',
      code: 'FROM debian:12\r\nRUN <<EOF\r\napt -q update\r\nEOF',
      ranges: ['2:0-2:13'],
      output: 'FROM debian:12\r\nRUN <<EOF\r\napt-get -q update\r\nEOF',
    },
  ],
});
