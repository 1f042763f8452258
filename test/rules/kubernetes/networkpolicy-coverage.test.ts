import rule from '../../../server/src/rules/kubernetes/networkpolicy-coverage';
import { deployment, webContainer } from '../../helpers/kubernetes-fixtures';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const POLICY = (selector: string, ns = '') =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: db\n${ns}spec:\n  podSelector:${selector}\n  policyTypes:\n  - Ingress\n`;
const DB = ' \n    matchLabels:\n      app: db';
const WEB = deployment(webContainer());
const DB_POD =
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\n  labels:\n    app: db\nspec:\n  containers:\n  - name: db\n    image: registry.example.com/db:16.4\n';

testKubernetesRule(rule, {
  valid: [
    {
      name: 'a policy selects the pods',
      code: POLICY(' \n    matchLabels:\n      app: web') + '---\n' + WEB,
    },
    { name: 'an empty podSelector selects every pod', code: POLICY(' {}') + '---\n' + WEB },
    {
      name: 'matchExpressions',
      code:
        POLICY(' \n    matchExpressions:\n    - key: app\n      operator: In\n      values: [web, db]') +
        '---\n' +
        WEB,
    },
    { name: 'no policy known: policies may be managed elsewhere', code: WEB },
    {
      name: 'the policy selects no workload: its selector is the likelier mistake (networkpolicy-selector)',
      code: POLICY(DB) + '---\n' + WEB,
    },
    {
      name: 'pods on the host network are out of reach of policies',
      code: POLICY(DB) + '---\n' + deployment('      hostNetwork: true\n' + webContainer()),
    },
    {
      name: 'the policies are in another namespace',
      code: POLICY(DB, '  namespace: data\n') + '---\n' + WEB,
    },
    {
      name: 'a policy in another file of the application selects the pods',
      code: POLICY(DB) + '---\n' + WEB,
      workspace: {
        'app/web-policy.yaml': POLICY(' \n    matchLabels:\n      app: web').replace('name: db', 'name: web'),
      },
    },
    {
      name: 'policies of another file that select only pods of their own file: a folder of examples',
      code: WEB,
      workspace: { 'app/db.yaml': POLICY(DB) + '---\n' + DB_POD },
    },
    {
      name: 'policies of another file only, index still being built',
      code: WEB,
      workspace: { 'app/policy.yaml': POLICY(DB) },
      incomplete: true,
    },
  ],
  invalid: [
    {
      name: 'a policy in the file selects other pods',
      code: POLICY(DB) + '---\n' + WEB + '---\n' + DB_POD,
      ranges: ['14:8-14:11'],
      messageIds: ['open'],
      output: null,
    },
    {
      name: 'the application’s policies are in another file',
      code: WEB,
      workspace: { 'app/policy.yaml': POLICY(DB), 'app/db.yaml': DB_POD },
      ranges: ['3:8-3:11'],
      output: null,
    },
    {
      name: 'CRLF',
      code: (POLICY(DB) + '---\n' + WEB + '---\n' + DB_POD).replace(/\n/g, '\r\n'),
      ranges: ['14:8-14:11'],
      output: null,
    },
  ],
});
