import rule from '../../../server/src/rules/dockerfile/cd-unchecked';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN cd /src && make && cd / && rm -rf /src',
    { name: 'or exit', code: 'FROM debian:12\nRUN cd /src || exit 1; make' },
    { name: 'after set -e', code: 'FROM debian:12\nRUN set -eux; cd /src; make' },
    { name: 'an if condition', code: 'FROM debian:12\nRUN if cd /src; then make; fi' },
    { name: 'the last command', code: 'FROM debian:12\nRUN make; cd /' },
    { name: 'a heredoc with set -e', code: 'FROM debian:12\nRUN <<EOF\nset -e\ncd /src\nmake\nEOF' },
  ],
  invalid: [
    {
      name: 'a semicolon',
      code: `
FROM debian:12
RUN cd /usr/src/app; make install; cd /tmp ; rm -rf *
    ~~~~~~~~~~~~~~~                ~~~~~~~`,
      output: 'FROM debian:12\nRUN cd /usr/src/app && make install; cd /tmp && rm -rf *',
    },
    {
      name: 'a heredoc line, CRLF',
      code: 'FROM debian:12\r\nRUN <<EOF\r\ncd /src\r\nmake\r\nEOF',
      ranges: ['2:0-2:7'],
      output: 'FROM debian:12\r\nRUN <<EOF\r\ncd /src || exit\r\nmake\r\nEOF',
    },
  ],
});
