import rule from '../../../server/src/rules/kubernetes/proc-mount';
import { podWith } from '../../helpers/kubernetes-fixtures';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

testKubernetesRule(rule, {
  valid: [podWith('    securityContext:\n      procMount: Default\n'), podWith('')],
  invalid: [
    {
      name: 'Unmasked is removed, the rest of the context kept',
      code: podWith('    securityContext:\n      procMount: Unmasked\n      runAsNonRoot: true\n'),
      ranges: ['9:17-9:25'],
      output: podWith('    securityContext:\n      runAsNonRoot: true\n'),
    },
  ],
});
