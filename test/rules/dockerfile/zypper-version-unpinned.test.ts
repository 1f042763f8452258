import rule from '../../../server/src/rules/dockerfile/zypper-version-unpinned';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0 "git>=2.43"',
    { name: 'a local rpm', code: 'FROM opensuse/leap:15.6\nRUN zypper in -y /tmp/app.rpm' },
  ],
  invalid: [
    {
      name: 'install and in',
      code: `
FROM opensuse/leap:15.6
RUN zypper install -y curl && zypper -n in git
                      ~~~~                 ~~~`,
      output: null,
    },
  ],
});
