import rule from '../../../server/src/rules/kubernetes/image-pull-policy';
import { pod, podWith } from '../../helpers/kubernetes-fixtures';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const image = (ref: string, extra = ''): string =>
  pod(`  containers:\n  - name: api\n    image: ${ref}\n${extra}`);

testKubernetesRule(rule, {
  valid: [
    podWith('    imagePullPolicy: Always\n'),
    {
      name: 'latest and untagged default to Always',
      code: image('nginx:latest') + '---\n' + image('registry.example.com:5000/api'),
    },
  ],
  invalid: [
    {
      name: 'IfNotPresent written',
      code: podWith('    imagePullPolicy: IfNotPresent\n'),
      ranges: ['8:21-8:33'],
      output: null,
    },
    {
      name: 'a tagged image defaults to IfNotPresent; so does a digest',
      code:
        image('nginx:1.27') +
        '---\n' +
        image('nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'),
      ranges: ['6:10-6:13', '15:10-15:13'],
      output: null,
    },
  ],
});
