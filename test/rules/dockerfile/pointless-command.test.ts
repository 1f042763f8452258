import rule from '../../../server/src/rules/dockerfile/pointless-command';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get install -y vim procps openssh-client',
    {
      name: 'service, kill and mount are real build steps',
      code: 'FROM debian:12\nRUN service mysql start && mysql < /schema.sql && kill %1; mount | grep x',
    },
    {
      name: 'ssh-keyscan is not ssh',
      code: 'FROM debian:12\nRUN ssh-keyscan github.com >> /root/.ssh/known_hosts',
    },
  ],
  invalid: [
    {
      name: 'ps, free and vim',
      code: `
FROM debian:12
RUN ps aux && free -m; sudo vim /etc/hosts
    ~~        ~~~~          ~~~`,
      output: null,
    },
  ],
});
