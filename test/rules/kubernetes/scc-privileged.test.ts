import rule from '../../../server/src/rules/kubernetes/scc-privileged';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const SCC = (allow: string, apiVersion = 'security.openshift.io/v1') =>
  `apiVersion: ${apiVersion}\nkind: SecurityContextConstraints\nmetadata:\n  name: agent\n${allow}runAsUser:\n  type: MustRunAsRange\nseLinuxContext:\n  type: MustRunAs\n`;

testKubernetesRule(rule, {
  valid: [
    { name: 'false', code: SCC('allowPrivilegedContainer: false\n') },
    { name: 'unset (false)', code: SCC('') },
    { name: 'another API group', code: SCC('allowPrivilegedContainer: true\n', 'example.com/v1') },
  ],
  invalid: [
    {
      name: 'true',
      code: SCC('allowPrivilegedContainer: true\n                          ~~~~\n'),
      messageIds: ['allowed'],
      output: SCC('allowPrivilegedContainer: false\n'),
    },
    {
      name: "OpenShift 3's v1",
      code: SCC('allowPrivilegedContainer: true\n                          ~~~~\n', 'v1'),
      output: SCC('allowPrivilegedContainer: false\n', 'v1'),
    },
    {
      name: 'YAML 1.1 yes, CRLF and a comment kept',
      code: SCC('allowPrivilegedContainer: yes # for the node agent\n').replace(/\n/g, '\r\n'),
      ranges: ['4:26-4:29'],
      output: SCC('allowPrivilegedContainer: false # for the node agent\n').replace(/\n/g, '\r\n'),
    },
  ],
});
