import rule from '../../../server/src/rules/dockerfile/onbuild-trigger-invalid';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM node:22-alpine\nONBUILD COPY package.json ./\nONBUILD RUN npm ci\nUSER node',
    {
      name: 'triggers BuildKit refuses while building this image are syntax errors, not this rule',
      code: 'FROM alpine:3.20\nONBUILD ONBUILD RUN x\nONBUILD FROM alpine\nONBUILD MAINTAINER me\nONBUILD ENV PATH',
    },
    { name: 'a trigger with a heredoc', code: 'FROM alpine:3.20\nONBUILD RUN <<EOF\necho hi\nEOF\nUSER 1' },
    {
      name: 'an unknown instruction outside ONBUILD is a syntax error',
      code: 'FROM alpine:3.20\nCOPPY . /app',
    },
  ],
  invalid: [
    {
      name: 'checked only when the trigger runs',
      code: `
FROM alpine:3.20
ONBUILD FOO bar
        ~~~
ONBUILD COPY a
             ~
ONBUILD EXPOSE
        ~~~~~~
ONBUILD SHELL sh
              ~~`,
      messageIds: ['later', 'later', 'later', 'later'],
      output: null,
    },
    {
      name: 'a bad flag or quote in a trigger',
      code: `
FROM alpine:3.20
ONBUILD HEALTHCHECK --interval=3x CMD true
                               ~~
ONBUILD ENV A="x`,
      ranges: ['2:14-2:16'],
      messageIds: ['later', 'later'],
    },
    {
      name: 'a stage this build reaches is built FROM the stage, so this build fails',
      code: `
FROM alpine:3.20 AS base
ONBUILD COPY a
             ~
FROM base`,
      messageIds: ['now'],
    },
    {
      name: 'a stage the default target does not reach: only later builds fail',
      code: `
FROM alpine:3.20 AS base
ONBUILD COPY a
             ~
FROM base AS test
FROM alpine:3.20`,
      messageIds: ['later'],
    },
    {
      name: 'escape directive and continuation lines',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nONBUILD COPY `\n  a\n',
      ranges: ['3:2-3:3'],
    },
  ],
});
