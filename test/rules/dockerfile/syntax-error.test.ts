import rule from '../../../server/src/rules/dockerfile/syntax-error';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'every HEALTHCHECK flag BuildKit knows, and any flag before NONE (never parsed)',
      code: 'FROM alpine:3.20\nHEALTHCHECK --interval=5s --timeout=3s --start-period=1s --start-interval=1s --retries=3 CMD true\nFROM alpine:3.20\nHEALTHCHECK --foo=1 NONE',
    },
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
      // BuildKit's BFlags.Parse: "Unknown flag: foo" (HEALTHCHECK NONE never parses its flags).
      name: 'an unknown HEALTHCHECK flag',
      code: `
FROM alpine:3.20
HEALTHCHECK --interval=5s --foo=1 CMD true
                          ~~~~~`,
    },
    {
      name: 'an undeclared variable as the whole base name',
      code: `
FROM \${MISSING}
     ~~~~~~~~~~`,
    },
  ],
});
