import rule from '../../../server/src/rules/dockerfile/expose-invalid-format';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM nginx:1.27\nEXPOSE 80 443/tcp 8000-8010',
    { name: 'variables are not judged', code: 'FROM nginx:1.27\nARG P=8080:80\nEXPOSE $P' },
  ],
  invalid: [
    {
      name: 'host:container',
      code: `
FROM nginx:1.27
EXPOSE 8080:80
       ~~~~~~~`,
      output: 'FROM nginx:1.27\nEXPOSE 80',
    },
    {
      name: 'ip:host:container/proto',
      code: `
FROM nginx:1.27
EXPOSE 80 127.0.0.1:5353:53/udp
          ~~~~~~~~~~~~~~~~~~~~~`,
      output: 'FROM nginx:1.27\nEXPOSE 80 53/udp',
    },
    {
      name: 'CRLF',
      code: 'FROM nginx:1.27\r\nEXPOSE 8080:80\r\n',
      ranges: ['1:7-1:14'],
      output: 'FROM nginx:1.27\r\nEXPOSE 80\r\n',
    },
  ],
});
