import rule from '../../../server/src/rules/kubernetes/host-process';
import { podWith } from '../../helpers/kubernetes-fixtures';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

testKubernetesRule(rule, {
  valid: [podWith('    securityContext:\n      windowsOptions:\n        hostProcess: false\n'), podWith('')],
  invalid: [
    {
      name: 'on the pod and on a container',
      code: podWith(
        '    securityContext:\n      windowsOptions:\n        hostProcess: true\n',
        '  securityContext:\n    windowsOptions:\n      hostProcess: true\n      runAsUserName: NT AUTHORITY\\SYSTEM\n',
      ),
      ranges: ['7:19-7:23', '14:21-14:25'],
      output: podWith(
        '    securityContext:\n      windowsOptions:\n',
        '  securityContext:\n    windowsOptions:\n      runAsUserName: NT AUTHORITY\\SYSTEM\n',
      ),
    },
  ],
});
