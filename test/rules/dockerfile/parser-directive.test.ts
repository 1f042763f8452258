import rule from '../../../server/src/rules/dockerfile/parser-directive';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    '# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended,StageNameCasing;error=true\nFROM alpine',
    { name: 'skip=all', code: '# check=skip=all\nFROM alpine' },
    { name: 'after a shebang', code: '#!/usr/bin/env buildx\n# syntax=docker/dockerfile:1\nFROM alpine' },
    {
      name: 'a check comment above an instruction',
      code: 'FROM alpine\n# check=skip=JSONArgsRecommended\nCMD echo hi',
    },
    { name: 'the value ends at its first space', code: '# check=skip=UndefinedVar // reason\nFROM alpine' },
    { name: 'a comment mentioning syntax', code: 'FROM alpine\n# the syntax is fine\nRUN true' },
  ],
  invalid: [
    {
      name: 'a misspelt check, with a fix',
      code: `
# check=skip=JSONArgsRecomended
             ~~~~~~~~~~~~~~~~~~
FROM alpine`,
      messageIds: ['suggest'],
      output: '# check=skip=JSONArgsRecommended\nFROM alpine',
    },
    {
      name: 'an unknown check above an instruction',
      code: `
FROM alpine
# check=skip=DL3008
             ~~~~~~
RUN true`,
      messageIds: ['unknown'],
      output: null,
    },
    {
      name: 'an option BuildKit cannot parse fails the build',
      code: `
# check=skip=all;error=yes
                 ~~~~~~~~~
FROM alpine`,
      messageIds: ['invalid'],
      output: null,
    },
    {
      name: 'a syntax directive after a comment is ignored',
      code: `
# Build the API
# syntax=docker/dockerfile:1
~~~~~~~~~~~~~~~~~~~~~~~~~~~~
FROM alpine`,
      messageIds: ['misplaced'],
      output: null,
    },
    {
      name: 'CRLF',
      code: '# check=skip=UndefinedVarr\r\nFROM alpine\r\n',
      ranges: ['0:13-0:26'],
      output: '# check=skip=UndefinedVar\r\nFROM alpine\r\n',
    },
  ],
});
