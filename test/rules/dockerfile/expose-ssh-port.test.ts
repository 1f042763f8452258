import rule from '../../../server/src/rules/dockerfile/expose-ssh-port';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM debian:12\nEXPOSE 8080 2222 220',
    { name: 'a port range that starts at 22 is not judged', code: 'FROM debian:12\nEXPOSE 22-25' },
  ],
  invalid: [
    {
      name: '22 and 22/tcp',
      code: `
FROM debian:12
EXPOSE 80 22/tcp
          ~~~~~~`,
      output: null,
    },
    {
      name: 'through an ARG default',
      code: `
FROM debian:12
ARG SSH_PORT=22
EXPOSE $SSH_PORT
       ~~~~~~~~~`,
      output: null,
    },
    { name: 'CRLF', code: 'FROM debian:12\r\nEXPOSE 22\r\n', ranges: ['1:7-1:9'], output: null },
  ],
});
