import rule from '../../../server/src/rules/dockerfile/syntax-error';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'a well-formed multi-stage file',
      code: 'ARG V=20\nFROM node:${V}-alpine AS build\nRUN npm ci\nFROM nginx:1.27-alpine\nCOPY --from=build /app/dist /usr/share/nginx/html',
    },
    { name: 'lower-case keywords are accepted by the builder', code: 'from alpine:3.20\nrun echo hi' },
    {
      name: 'newer COPY flags are not flagged',
      code: 'FROM alpine:3.20\nCOPY --parents --link --chmod=755 a/b ./\nCOPY --exclude=*.md . /src',
    },
    { name: 'heredocs', code: 'FROM alpine:3.20\nRUN <<EOF\necho one\necho two\nEOF' },
    { name: 'an ARG-only base name declared without default', code: 'ARG BASE\nFROM ${BASE}' },
    {
      name: 'backtick escape directive',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN echo `\n  hi',
    },
    {
      name: 'empty continuation lines are a warning in BuildKit, not an error',
      code: 'FROM alpine:3.20\nRUN echo a \\\n\n  b',
    },
  ],
  invalid: [
    {
      name: 'unknown instruction',
      code: `
FROM alpine:3.20
COPPY . /app
~~~~~`,
      output: null,
    },
    {
      name: 'chained ONBUILD',
      code: `
FROM alpine:3.20
ONBUILD ONBUILD RUN x
        ~~~~~~~`,
    },
    {
      name: 'an instruction before the first FROM',
      code: `
RUN echo hi
~~~
FROM alpine:3.20`,
    },
    {
      name: 'a bad HEALTHCHECK duration',
      code: `
FROM alpine:3.20
HEALTHCHECK --interval=abc CMD true
                       ~~~`,
    },
    {
      name: 'an undeclared variable as the whole base name',
      code: `
FROM \${MISSING}
     ~~~~~~~~~~`,
    },
  ],
});
