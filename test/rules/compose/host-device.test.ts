import rule from '../../../server/src/rules/compose/host-device';
import { testComposeRule } from '../../helpers/compose-tester';

testComposeRule(rule, {
  valid: [
    'services:\n  a:\n    image: x:1\n',
    {
      name: 'an unresolved variable',
      code: 'services:\n  a:\n    image: x:1\n    devices:\n      - ${DEVICE}:/dev/ttyACM0\n',
    },
    {
      name: 'CDI device names are not host paths',
      code: 'services:\n  a:\n    image: x:1\n    devices:\n      - nvidia.com/gpu=all\n',
    },
  ],
  invalid: [
    {
      name: 'raw disks and memory, and ordinary devices',
      code: `
services:
  a:
    image: x:1
    devices:
      - /dev/sda:/dev/sda
        ~~~~~~~~~~~~~~~~~
      - /dev/mem
        ~~~~~~~~
      - "/dev/dri:/dev/dri"
        ~~~~~~~~~~~~~~~~~~~
      - source: /dev/nvme0n1
        target: /dev/nvme0n1
`,
      ranges: ['7:8-8:28'],
      messageIds: ['raw', 'raw', 'device', 'raw'],
      output: null,
    },
    {
      name: 'CRLF',
      code: 'services:\r\n  a:\r\n    image: x:1\r\n    devices:\r\n      - /dev/ttyUSB0:/dev/ttyUSB0\r\n',
      ranges: ['4:8-4:33'],
      output: null,
    },
  ],
});
