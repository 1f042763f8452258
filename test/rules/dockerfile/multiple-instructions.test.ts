import rule from '../../../server/src/rules/dockerfile/multiple-instructions';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM python:3.12-slim\nENTRYPOINT ["python"]\nCMD ["app.py"]',
    {
      name: 'one per stage',
      code: 'FROM golang:1.22 AS build\nCMD ["go", "test"]\nFROM alpine:3.20\nCMD ["/app"]',
    },
    {
      name: 'the CMD of a HEALTHCHECK is not a CMD instruction',
      code: 'FROM python:3.12-slim\nHEALTHCHECK --interval=5s CMD ["curl", "-f", "http://localhost/"]\nCMD ["python", "-m", "http.server"]',
    },
    {
      name: 'a child stage may replace the CMD of its parent',
      code: 'FROM python:3.12-slim AS base\nCMD ["python"]\nFROM base\nCMD ["python", "app.py"]',
    },
    { name: 'ONBUILD CMD is a trigger, not a CMD', code: 'FROM alpine:3.20\nONBUILD CMD ["a"]\nCMD ["b"]' },
  ],
  invalid: [
    {
      name: 'two CMDs: the first is deleted',
      code: `
FROM python:3.12-slim
CMD ["python", "manage.py", "migrate"]
~~~
CMD ["gunicorn", "app.wsgi"]`,
      messageIds: ['overridden'],
      output: 'FROM python:3.12-slim\nCMD ["gunicorn", "app.wsgi"]',
    },
    {
      name: 'three ENTRYPOINTs and two HEALTHCHECKs, with continuation lines',
      code: `
FROM alpine:3.20
ENTRYPOINT ["a"]
~~~~~~~~~~
HEALTHCHECK NONE
~~~~~~~~~~~
ENTRYPOINT ["b", \\
  "--flag"]
HEALTHCHECK CMD wget -q -O- http://localhost/ || exit 1
ENTRYPOINT ["c"]
USER nobody`,
      ranges: ['3:0-3:10'],
      output:
        'FROM alpine:3.20\nHEALTHCHECK CMD wget -q -O- http://localhost/ || exit 1\nENTRYPOINT ["c"]\nUSER nobody',
    },
    {
      name: 'consecutive instructions are deleted together',
      code: `
FROM alpine:3.20
CMD ["a"]
~~~
CMD ["b"]
~~~
CMD ["c"]`,
      output: 'FROM alpine:3.20\nCMD ["c"]',
    },
    {
      name: 'lower-case keywords',
      code: `
from alpine:3.20
cmd echo a
~~~
cmd echo b`,
      output: 'from alpine:3.20\ncmd echo b',
    },
    {
      name: 'CRLF line endings are kept',
      code: 'FROM alpine:3.20\r\nCMD ["a"]\r\nCMD ["b"]\r\n',
      ranges: ['1:0-1:3'],
      output: 'FROM alpine:3.20\r\nCMD ["b"]\r\n',
    },
  ],
});
