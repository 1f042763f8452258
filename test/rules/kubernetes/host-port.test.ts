import rule from '../../../server/src/rules/kubernetes/host-port';
import { deployment, podWith } from '../../helpers/kubernetes-fixtures';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

testKubernetesRule(rule, {
  valid: [
    podWith('    ports:\n    - containerPort: 80\n'),
    {
      name: 'hostPort 0 is unset',
      code: podWith('    ports:\n    - containerPort: 80\n      hostPort: 0\n'),
    },
  ],
  invalid: [
    {
      name: 'a hostPort is removed',
      code: podWith(
        '    ports:\n    - containerPort: 80\n      hostPort: 8080 # for the LB\n    - containerPort: 9090\n',
      ),
      ranges: ['10:16-10:20'],
      output: podWith('    ports:\n    - containerPort: 80\n    - containerPort: 9090\n'),
    },
    {
      name: 'a DaemonSet (info), CRLF',
      code: deployment(
        '      containers:\n      - name: web\n        image: nginx:1.27\n        ports:\n        - containerPort: 80\n          hostPort: 80\n',
        '',
        'DaemonSet',
      ).replace(/\n/g, '\r\n'),
      ranges: ['18:20-18:22'],
      output: deployment(
        '      containers:\n      - name: web\n        image: nginx:1.27\n        ports:\n        - containerPort: 80\n',
        '',
        'DaemonSet',
      ).replace(/\n/g, '\r\n'),
    },
  ],
});
