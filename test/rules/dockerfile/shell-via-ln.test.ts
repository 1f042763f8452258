import rule from '../../../server/src/rules/dockerfile/shell-via-ln';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM debian:12\nSHELL ["/bin/bash", "-c"]',
    {
      name: 'other links',
      code: 'FROM debian:12\nRUN ln -sf /usr/bin/python3 /usr/bin/python && ln -s /bin/sh /usr/local/bin/sh',
    },
  ],
  invalid: [
    {
      name: 'ln onto /bin/sh',
      code: `
FROM debian:12
RUN rm /bin/sh && ln -s /bin/bash /bin/sh
                  ~~~~~~~~~~~~~~~~~~~~~~~`,
      output: null,
    },
  ],
});
