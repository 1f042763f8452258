import rule from '../../../server/src/rules/dockerfile/copy-entire-filesystem';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM alpine:3.20 AS a\nFROM debian:12\nCOPY --from=a /usr/bin/curl /usr/bin/',
    {
      name: 'a squash into scratch',
      code: 'FROM debian:12 AS full\nRUN rm -rf /tmp/*\nFROM scratch\nCOPY --from=full / /',
    },
    { name: 'the build context', code: 'FROM alpine:3.20\nCOPY / /' },
    {
      name: 'root onto a directory',
      code: 'FROM alpine:3.20 AS a\nFROM debian:12\nCOPY --from=a / /rootfs/',
    },
  ],
  invalid: [
    {
      name: 'shell and JSON form',
      code: `
FROM alpine:3.20 AS a
FROM debian:12
COPY --from=a / /
     ~~~~~~~~~~~~
COPY --from=ubuntu:24.04 ["/", "/"]
     ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~`,
      output: null,
    },
  ],
});
