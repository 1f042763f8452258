import rule from '../../../server/src/rules/kubernetes/container-ports';
import { podWith } from '../../helpers/kubernetes-fixtures';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

testKubernetesRule(rule, {
  valid: [podWith('    ports:\n    - containerPort: 8080\n')],
  invalid: [
    {
      name: 'port 80 and SSH',
      code: podWith('    ports:\n    - containerPort: 80\n    - containerPort: 22\n'),
      ranges: ['9:21-9:23', '10:21-10:23'],
      messageIds: ['privileged', 'ssh'],
      output: null,
    },
  ],
});
