import rule from '../../../server/src/rules/dockerfile/expose-port-range';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM nginx:1.27\nEXPOSE 0 80 65535/udp 8000-8010/tcp',
    { name: 'a variable with no known value', code: 'FROM nginx:1.27\nARG PORT\nEXPOSE $PORT' },
    { name: 'not a port at all is another check', code: 'FROM nginx:1.27\nEXPOSE http' },
  ],
  invalid: [
    {
      name: 'too high, a backwards range, and from an ARG',
      code: `
FROM nginx:1.27
ARG PORT=70000
EXPOSE 80800 9000-8000/udp $PORT 8000-65536
       ~~~~~ ~~~~~~~~~~~~~ ~~~~~ ~~~~~~~~~~`,
      output: null,
    },
  ],
});
