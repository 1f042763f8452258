import rule from '../../../server/src/rules/dockerfile/no-sudo';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends sudo',
    { name: 'sudo as an argument', code: 'FROM debian:12\nRUN echo sudo && grep sudo /etc/group' },
    { name: 'quoted word', code: 'FROM debian:12\nRUN echo "sudo make me a sandwich"' },
    { name: 'sudo in CMD is not a build step', code: 'FROM debian:12\nCMD sudo -u app /start.sh' },
    { name: 'gosu is the recommended tool', code: 'FROM debian:12\nRUN gosu nobody true' },
  ],
  invalid: [
    {
      name: 'no USER: the base image decides, so no fix',
      code: `
FROM debian:12
RUN sudo apt-get update && sudo apt-get install -y curl
    ~~~~                   ~~~~`,
      output: null,
    },
    {
      name: 'explicit USER root: sudo is removed',
      code: `
FROM debian:12
USER root
RUN sudo apt-get update && sudo apt-get install -y curl
    ~~~~                   ~~~~`,
      output: 'FROM debian:12\nUSER root\nRUN apt-get update && apt-get install -y curl',
    },
    {
      name: 'USER 0 inherited from an earlier stage, path to sudo',
      code: `
FROM debian:12 AS base
USER 0:0
FROM base
RUN /usr/bin/sudo make install
    ~~~~~~~~~~~~~`,
      output: 'FROM debian:12 AS base\nUSER 0:0\nFROM base\nRUN make install',
    },
    {
      name: 'non-root user: no fix',
      code: `
FROM debian:12
USER root
RUN true
USER app
RUN sudo make install
    ~~~~`,
      output: null,
    },
    {
      name: 'sudo with options changes the user: no fix',
      code: `
FROM debian:12
USER root
RUN sudo -u postgres createdb app
    ~~~~`,
      output: null,
    },
    {
      name: 'sudo behind env and in a heredoc',
      code: `
FROM debian:12
RUN env DEBIAN_FRONTEND=noninteractive sudo apt-get install -y curl
                                       ~~~~
RUN <<EOF
sudo make install
~~~~
EOF`,
    },
    {
      name: 'exec form',
      code: `
FROM debian:12
RUN ["sudo", "make", "install"]
     ~~~~~~`,
      output: null,
    },
    {
      name: 'CRLF line endings are kept',
      code: 'FROM debian:12\r\nUSER root\r\nRUN sudo make install\r\nCMD ["app"]\r\n',
      ranges: ['2:4-2:8'],
      output: 'FROM debian:12\r\nUSER root\r\nRUN make install\r\nCMD ["app"]\r\n',
    },
  ],
});
