import rule from '../../../server/src/rules/dockerfile/label-key-invalid';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM alpine:3.20\nLABEL org.opencontainers.image.source=https://x vendor=acme maintainer_team=core',
    { name: 'a variable key', code: 'FROM alpine:3.20\nARG K\nLABEL $K=1' },
  ],
  invalid: [
    {
      name: 'case, edges, separators and reserved namespaces',
      code: `
FROM alpine:3.20
LABEL Version=1 "a..b"=2 x-=3 com.docker.extension.title=4
      ~~~~~~~   ~~~~~~   ~~   ~~~~~~~~~~~~~~~~~~~~~~~~~~`,
      messageIds: ['format', 'format', 'format', 'reserved'],
      output: null,
    },
  ],
});
