import rule from '../../../server/src/rules/dockerfile/apk-version-unpinned';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r1 tini~0.19',
    {
      name: 'a version from an ARG',
      code: 'FROM alpine:3.20\nARG V=8.9.1-r1\nRUN apk add --no-cache curl=$V',
    },
    {
      name: 'the --virtual name is not a package',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0',
    },
    { name: 'a local file', code: 'FROM alpine:3.20\nRUN apk add --allow-untrusted /tmp/app.apk' },
  ],
  invalid: [
    {
      name: 'unpinned package after the virtual name',
      code: `
FROM alpine:3.20
RUN apk add --no-cache -t .deps gcc musl-dev=1.2.5-r0
                                ~~~`,
      output: null,
    },
  ],
});
