import rule from '../../../server/src/rules/dockerfile/zypper-dist-upgrade';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM opensuse/leap:15.6\nRUN zypper -n update && zypper -n install curl',
    { name: 'Tumbleweed rolls: dup is its update', code: 'FROM opensuse/tumbleweed\nRUN zypper -n dup' },
    {
      name: 'a stage built FROM a Tumbleweed stage',
      code: 'FROM opensuse/tumbleweed AS base\nFROM base\nRUN zypper --non-interactive dist-upgrade',
    },
    { name: 'another tool', code: 'FROM fedora:41\nRUN dnf -y distro-sync' },
    { name: 'a word, not a subcommand', code: 'FROM opensuse/leap:15.6\nRUN echo zypper dup' },
    { name: 'exec form is not read', code: 'FROM opensuse/leap:15.6\nRUN ["zypper", "-n", "dup"]' },
  ],
  invalid: [
    {
      code: `
FROM opensuse/leap:15.6
RUN zypper --non-interactive dist-upgrade && zypper clean --all
    ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~`,
      output: null,
    },
    {
      name: 'the short form, a global option with a value, CRLF',
      code: 'FROM registry.suse.com/bci/bci-base:15.6\r\nRUN zypper --root /mnt -n dup\r\n',
      ranges: ['1:4-1:29'],
    },
    {
      name: 'an ONBUILD trigger',
      code: `
FROM opensuse/leap:15.6
ONBUILD RUN zypper -n dup
            ~~~~~~~~~~~~~`,
    },
  ],
});
