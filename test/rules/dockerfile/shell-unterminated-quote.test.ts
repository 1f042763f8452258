import rule from '../../../server/src/rules/dockerfile/shell-unterminated-quote';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    `FROM alpine:3.20\nRUN echo "it's" 'a "b"' \`date\``,
    {
      name: 'quotes across continuation lines',
      code: 'FROM alpine:3.20\nRUN echo "a \\\n  b" && echo \'c \\\n d\'',
    },
    {
      name: 'an apostrophe in a comment line of a continued RUN',
      code: "FROM alpine:3.20\nRUN echo a \\\n# don't\n  && echo b",
    },
    { name: 'an apostrophe in a trailing comment', code: "FROM alpine:3.20\nRUN echo a # don't" },
    { name: 'escaped quotes', code: 'FROM alpine:3.20\nRUN echo don\\\'t "say \\"x\\""' },
  ],
  invalid: [
    {
      name: 'an open double quote',
      code: `
FROM alpine:3.20
RUN mkdir /x && echo "ready > /tmp/state
                ~~~~~~~~~~~~~~~~~~~~~~~~`,
      output: null,
    },
    {
      name: 'an apostrophe in text',
      code: `
FROM alpine:3.20
RUN echo don't panic
    ~~~~~~~~~~~~~~~~`,
      output: null,
    },
  ],
});
