import rule from '../../../server/src/rules/kubernetes/priority-class';
import { podWith } from '../../helpers/kubernetes-fixtures';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

testKubernetesRule(rule, {
  valid: [podWith('', '  priorityClassName: high\n')],
  invalid: [{ name: 'unset', code: podWith(''), ranges: ['3:8-3:11'], output: null }],
});
