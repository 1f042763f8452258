import rule from '../../../server/src/rules/dockerfile/dnf-version-unpinned';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all',
    { name: 'a version from an ARG', code: 'FROM fedora:40\nARG V\nRUN dnf install -y httpd-${V}' },
  ],
  invalid: [
    {
      name: 'dnf and microdnf',
      code: `
FROM fedora:40
RUN dnf install -y httpd && microdnf install -y jq
                   ~~~~~                        ~~`,
      output: null,
    },
  ],
});
