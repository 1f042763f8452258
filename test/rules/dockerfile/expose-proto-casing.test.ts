import rule from '../../../server/src/rules/dockerfile/expose-proto-casing';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM nginx:1.27\nEXPOSE 80/tcp 53/udp',
    { name: 'no protocol', code: 'FROM nginx:1.27\nEXPOSE 80' },
    { name: 'variables are not judged', code: 'FROM nginx:1.27\nARG P=80/TCP\nEXPOSE ${P}' },
  ],
  invalid: [
    {
      name: 'TCP',
      code: `
FROM nginx:1.27
EXPOSE 80/TCP 443/tcp 53/Udp
          ~~~            ~~~`,
      output: 'FROM nginx:1.27\nEXPOSE 80/tcp 443/tcp 53/udp',
    },
    {
      name: 'CRLF',
      code: 'FROM nginx:1.27\r\nEXPOSE 80/TCP\r\n',
      ranges: ['1:10-1:13'],
      output: 'FROM nginx:1.27\r\nEXPOSE 80/tcp\r\n',
    },
  ],
});
