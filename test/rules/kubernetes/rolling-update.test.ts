import rule from '../../../server/src/rules/kubernetes/rolling-update';
import { deployment, webContainer } from '../../helpers/kubernetes-fixtures';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

testKubernetesRule(rule, {
  valid: [
    deployment(webContainer()),
    {
      name: 'RollingUpdate with a bounded maxUnavailable',
      code: deployment(
        webContainer(),
        '  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: 25%\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'Recreate',
      code: deployment(webContainer(), '  strategy:\n    type: Recreate\n'),
      ranges: ['6:10-6:18'],
      messageIds: ['recreate'],
      output: null,
    },
    {
      name: 'maxUnavailable 100%',
      code: deployment(webContainer(), '  strategy:\n    rollingUpdate:\n      maxUnavailable: 100%\n'),
      ranges: ['7:22-7:26'],
      messageIds: ['all'],
      output: null,
    },
    {
      name: 'a DaemonSet on OnDelete',
      code: deployment(webContainer(), '  updateStrategy:\n    type: OnDelete\n', 'DaemonSet'),
      ranges: ['6:10-6:18'],
      messageIds: ['onDelete'],
      output: null,
    },
  ],
});
