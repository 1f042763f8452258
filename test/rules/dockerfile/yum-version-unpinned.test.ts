import rule from '../../../server/src/rules/dockerfile/yum-version-unpinned';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM centos:7\nRUN yum install -y httpd-2.4.6 mod_ssl-2.4.6-99.el7 && yum clean all',
    { name: 'a local rpm', code: 'FROM centos:7\nRUN yum install -y /tmp/app.rpm' },
    { name: 'flag values', code: 'FROM centos:7\nRUN yum --enablerepo epel install -y jq-1.6' },
  ],
  invalid: [
    {
      name: 'a name with dashes but no version',
      code: `
FROM centos:7
RUN yum install -y python3-devel openssl-1.0.2k
                   ~~~~~~~~~~~~~`,
      output: null,
    },
  ],
});
