import rule from '../../../server/src/rules/dockerfile/yum-dnf-zypper-clean';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM centos:7\nRUN yum install -y httpd && yum clean all',
    {
      name: 'the cache removed',
      code: 'FROM fedora:40\nRUN dnf install -y httpd && rm -rf /var/cache/dnf /var/cache/libdnf5',
    },
    { name: 'zypper cc', code: 'FROM opensuse/leap:15.6\nRUN zypper -n in curl && zypper cc -a' },
    {
      name: 'a cache mount',
      code: 'FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y httpd',
    },
    {
      name: 'a tmpfs mount',
      code: 'FROM centos:7\nRUN --mount=type=tmpfs,target=/var/cache/yum yum install -y httpd',
    },
    {
      name: 'a builder stage',
      code: 'FROM fedora:40 AS build\nRUN dnf install -y gcc\nFROM scratch\nCOPY --from=build /x /x',
    },
    { name: 'commands that do not download', code: 'FROM fedora:40\nRUN dnf remove -y vim-minimal' },
  ],
  invalid: [
    {
      name: 'dnf, cleaned before the install',
      code: `
FROM fedora:40
RUN dnf clean all && dnf install -y httpd
                     ~~~~~~~~~~~`,
      output: 'FROM fedora:40\nRUN dnf clean all && dnf install -y httpd && dnf clean all',
    },
    {
      name: 'yum with redirections kept before the append',
      code: `
FROM centos:7
RUN yum -y install httpd > /dev/null
    ~~~~~~~~~~~~~~`,
      output: 'FROM centos:7\nRUN yum -y install httpd > /dev/null && yum clean all',
    },
    {
      name: 'zypper',
      code: `
FROM opensuse/leap:15.6
RUN zypper -n install curl
    ~~~~~~~~~~~~~~~~~`,
      output: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl && zypper clean --all',
    },
    {
      name: 'microdnf in the final stage, not the builder',
      code: `
FROM opensuse/leap:15.6 AS build
RUN zypper -n install curl
FROM registry.access.redhat.com/ubi9/ubi-minimal
RUN microdnf install -y jq
    ~~~~~~~~~~~~~~~~`,
      output:
        'FROM opensuse/leap:15.6 AS build\nRUN zypper -n install curl\nFROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y jq && microdnf clean all',
    },
    {
      name: 'heredoc, CRLF',
      code: 'FROM fedora:40\r\nRUN <<EOF\r\ndnf install -y httpd\r\nEOF',
      ranges: ['2:0-2:11'],
      output: 'FROM fedora:40\r\nRUN <<EOF\r\ndnf install -y httpd\r\ndnf clean all\r\nEOF',
    },
  ],
});
