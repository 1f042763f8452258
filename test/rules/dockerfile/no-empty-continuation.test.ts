import rule from '../../../server/src/rules/dockerfile/no-empty-continuation';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y curl',
    {
      name: 'a comment inside a continuation',
      code: 'FROM debian:12\nRUN apt-get update \\\n# why\n    && true',
    },
    { name: 'blank lines between instructions', code: 'FROM debian:12\n\nRUN true\n\nCMD ["sh"]' },
    { name: 'blank lines in a heredoc body', code: 'FROM debian:12\nRUN <<EOF\necho a\n\necho b\nEOF' },
  ],
  invalid: [
    {
      name: 'one blank line',
      code: 'FROM debian:12\nRUN apt-get update \\\n\n    && apt-get install -y curl\n',
      ranges: ['2:0-3:0'],
      output: 'FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y curl\n',
    },
    {
      name: 'a line of spaces and a blank line',
      code: 'FROM debian:12\nRUN a \\\n   \n\n  b',
      ranges: ['2:0-3:0', '3:0-4:0'],
      output: 'FROM debian:12\nRUN a \\\n  b',
    },
    {
      name: 'backtick escape',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n\n  C:\\',
      ranges: ['3:0-4:0'],
      output: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n  C:\\',
    },
    {
      name: 'CRLF',
      code: 'FROM debian:12\r\nRUN a \\\r\n\r\n  b\r\n',
      ranges: ['2:0-3:0'],
      output: 'FROM debian:12\r\nRUN a \\\r\n  b\r\n',
    },
  ],
});
