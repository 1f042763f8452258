import rule from '../../../server/src/rules/kubernetes/duplicate-env';
import { podWith } from '../../helpers/kubernetes-fixtures';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const env = (lines: string): string => podWith(`    env:\n${lines}`);

testKubernetesRule(rule, {
  valid: [
    env('    - name: LOG_LEVEL\n      value: info\n    - name: LOG_FORMAT\n      value: json\n'),
    {
      name: 'the same name in two containers',
      code: env(
        '    - name: A\n      value: "1"\n  - name: b\n    image: busybox:1.36\n    env:\n    - name: A\n      value: "2"\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'the earlier definition is removed, comments kept',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: registry.example.com/api:1.4.2
    env:
    - name: LOG_LEVEL
            ~~~~~~~~~
      value: info
    # overrides for staging
    - name: LOG_LEVEL
      value: debug`,
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    env:\n    # overrides for staging\n    - name: LOG_LEVEL\n      value: debug',
    },
    {
      name: 'three definitions: the first two are reported',
      code: env(
        '    - name: A\n      value: "1"\n    - name: A\n      value: "2"\n    - name: A\n      value: "3"\n',
      ),
      ranges: ['9:12-9:13', '11:12-11:13'],
      output: env('    - name: A\n      value: "3"\n'),
    },
    {
      name: 'a variable in between reads the earlier value with $(A): no fix (CRLF)',
      code: env(
        '    - name: A\n      value: "1"\n    - name: B\n      value: $(A)-x\n    - name: A\n      value: "2"\n',
      ).replace(/\n/g, '\r\n'),
      ranges: ['9:12-9:13'],
      output: null,
    },
  ],
});
