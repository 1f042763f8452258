import rule from '../../../server/src/rules/dockerfile/yum-dnf-zypper-yes';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM centos:7\nRUN yum install -y httpd && yum -y update && yum --assumeyes remove x',
    {
      name: 'zypper global and subcommand flags',
      code: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl && zypper --non-interactive dup && zypper rm -y x',
    },
    {
      name: 'microdnf',
      code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y shadow-utils',
    },
    {
      name: 'assumeyes set earlier',
      code: 'FROM fedora:40\nRUN echo assumeyes=1 >> /etc/dnf/dnf.conf\nRUN dnf install httpd',
    },
    {
      name: 'assumeyes with --setopt',
      code: 'FROM fedora:40\nRUN dnf --setopt=assumeyes=True install httpd',
    },
    {
      name: 'subcommands that do not prompt',
      code: 'FROM centos:7\nRUN yum clean all && yum makecache && zypper refresh && dnf list installed',
    },
    { name: 'grouped short flags', code: 'FROM centos:7\nRUN yum -qy install httpd' },
  ],
  invalid: [
    {
      name: 'yum and dnf: -y after the subcommand',
      code: `
FROM centos:7
RUN yum install httpd && dnf --enablerepo epel update
    ~~~~~~~~~~~          ~~~~~~~~~~~~~~~~~~~~~~~~~~~~`,
      messageIds: ['missingYes', 'missingYes'],
      output: 'FROM centos:7\nRUN yum install -y httpd && dnf --enablerepo epel update -y',
    },
    {
      name: 'zypper: -n after the program',
      code: `
FROM opensuse/leap:15.6
RUN zypper in curl
    ~~~~~~~~~`,
      output: 'FROM opensuse/leap:15.6\nRUN zypper -n in curl',
    },
    {
      name: 'dnf in a heredoc, CRLF',
      code: 'FROM fedora:40\r\nRUN <<EOF\r\ndnf install jq\r\nEOF',
      ranges: ['2:0-2:11'],
      output: 'FROM fedora:40\r\nRUN <<EOF\r\ndnf install -y jq\r\nEOF',
    },
  ],
});
