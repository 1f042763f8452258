import rule from '../../../server/src/rules/kubernetes/owner-label';
import { deployment, pod, podWith, webContainer } from '../../helpers/kubernetes-fixtures';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const CONTAINER = '  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n';

testKubernetesRule(rule, {
  valid: [
    { name: 'owner', code: pod(CONTAINER, '  labels:\n    owner: payments\n') },
    {
      name: 'a key that contains owner',
      code: pod(CONTAINER, '  labels:\n    example.com/team-owner: payments\n'),
    },
    { name: 'a kustomize patch', code: '$patch: merge\n' + podWith('') },
    {
      name: 'not a workload',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api\ndata:\n  a: b\n',
    },
  ],
  invalid: [
    {
      name: 'no labels: on the name',
      code: podWith(''),
      ranges: ['3:8-3:11'],
      messageIds: ['missing'],
      output: null,
    },
    {
      name: 'labels without an owner: on labels',
      code: pod(CONTAINER, '  labels:\n  ~~~~~~\n    app: api\n    Owner: payments\n'),
      output: null,
    },
    {
      name: "the pods' labels do not count: the object's own do",
      code: deployment(webContainer()).replace(/\n/g, '\r\n'),
      ranges: ['3:8-3:11'],
      output: null,
    },
  ],
});
