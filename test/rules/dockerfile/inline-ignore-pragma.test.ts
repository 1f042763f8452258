import rule from '../../../server/src/rules/dockerfile/inline-ignore-pragma';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM debian:12\n# install the tools\nRUN true',
    { name: 'file-wide hadolint form', code: '# hadolint global ignore=DL3008\nFROM debian:12\nRUN true' },
    {
      name: 'file-wide shipshape form',
      code: '# shipshape-ignore-file dockerfile/no-root-user\nFROM debian:12',
    },
    { name: "BuildKit's check directive", code: '# check=skip=JSONArgsRecommended\nFROM debian:12\nCMD x' },
    {
      name: 'a comment that only mentions hadolint',
      code: 'FROM debian:12\n# hadolint is run in CI\nRUN true',
    },
  ],
  invalid: [
    {
      code: `
FROM debian:12
# hadolint ignore=DL3008,DL3015
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
RUN apt-get install -y curl`,
      output: null,
    },
    {
      name: 'shipshape form with a reason, indented, CRLF',
      code: 'FROM debian:12\r\n  # shipshape-ignore dockerfile/no-root-user -- runs as root on purpose\r\nUSER root\r\n',
      ranges: ['1:2-1:71'],
    },
    {
      name: 'a bare shipshape-ignore silences every check',
      code: `
# shipshape-ignore
~~~~~~~~~~~~~~~~~~
FROM debian:12`,
    },
  ],
});
