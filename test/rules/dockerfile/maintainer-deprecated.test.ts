import rule from '../../../server/src/rules/dockerfile/maintainer-deprecated';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="jane@example.com"',
    {
      name: 'a label named maintainer is fine',
      code: 'FROM alpine:3.20\nLABEL maintainer="jane@example.com"',
    },
    { name: 'the word in a RUN is not the instruction', code: 'FROM alpine:3.20\nRUN echo MAINTAINER' },
  ],
  invalid: [
    {
      name: 'name and e-mail',
      code: `
FROM alpine:3.20
MAINTAINER Jane Doe <jane@example.com>
~~~~~~~~~~
CMD ["sh"]`,
      output:
        'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\nCMD ["sh"]',
    },
    {
      name: 'outer quotes are not part of the author',
      code: `
FROM alpine:3.20
MAINTAINER "Jane Doe"
~~~~~~~~~~`,
      output: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe"',
    },
    {
      name: 'quotes, backslashes and dollars are escaped',
      code: `
FROM alpine:3.20
MAINTAINER Jane "JD" Doe $HOME \\o/
~~~~~~~~~~`,
      output: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane \\"JD\\" Doe \\$HOME \\\\o/"',
    },
    {
      name: 'with a backtick escape character, the backtick escapes',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nMAINTAINER C:\\Users\\jane "x"',
      ranges: ['2:0-2:10'],
      output:
        '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nLABEL org.opencontainers.image.authors="C:\\Users\\jane `"x`""',
    },
    {
      name: 'lower-case keyword',
      code: `
from alpine:3.20
maintainer jane@example.com
~~~~~~~~~~`,
      output: 'from alpine:3.20\nlabel org.opencontainers.image.authors="jane@example.com"',
    },
    {
      name: 'no fix when the stage already has the label',
      code: `
FROM alpine:3.20
LABEL org.opencontainers.image.authors="team@example.com"
MAINTAINER jane@example.com
~~~~~~~~~~`,
      output: null,
    },
    {
      name: 'CRLF line endings are kept',
      code: 'FROM alpine:3.20\r\nMAINTAINER jane@example.com\r\nCMD ["sh"]\r\n',
      ranges: ['1:0-1:10'],
      output:
        'FROM alpine:3.20\r\nLABEL org.opencontainers.image.authors="jane@example.com"\r\nCMD ["sh"]\r\n',
    },
  ],
});
