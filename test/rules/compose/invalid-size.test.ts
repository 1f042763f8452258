import rule from '../../../server/src/rules/compose/invalid-size';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    {
      name: 'sizes Docker reads',
      code: `
services:
  web:
    image: nginx:1.27
    mem_limit: 512m
    mem_reservation: 1.5GiB
    memswap_limit: -1
    shm_size: 268435456
    build:
      context: .
      shm_size: 2gb
    deploy:
      resources:
        limits:
          memory: 2G
        reservations:
          memory: \${MEM:-1G}
`,
    },
  ],
  invalid: [
    {
      name: 'words',
      code: `
services:
  web:
    image: nginx:1.27
    mem_limit: 2 gigabytes
               ~~~~~~~~~~~
    deploy:
      resources:
        limits:
          memory: 1,5g
                  ~~~~
`,
      output: null,
    },
  ],
});
