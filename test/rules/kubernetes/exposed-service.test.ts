import rule from '../../../server/src/rules/kubernetes/exposed-service';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const SERVICE = (type: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n${type}  selector:\n    app: api\n  ports:\n  - port: 80\n`;

testKubernetesRule(rule, {
  valid: [
    { name: 'no type: ClusterIP', code: SERVICE('') },
    { name: 'ClusterIP', code: SERVICE('  type: ClusterIP\n') },
    {
      name: 'ExternalName',
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  type: ExternalName\n  externalName: db.example.com\n',
    },
    {
      name: 'a custom resource with a type field',
      code: 'apiVersion: example.com/v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  type: LoadBalancer\n',
    },
  ],
  invalid: [
    {
      name: 'LoadBalancer',
      code: SERVICE('  type: LoadBalancer\n        ~~~~~~~~~~~~\n'),
      messageIds: ['exposed'],
      output: null,
    },
    {
      name: 'NodePort, CRLF',
      code: SERVICE('  type: NodePort # for the demo\n').replace(/\n/g, '\r\n'),
      ranges: ['5:8-5:16'],
      messageIds: ['exposed'],
      output: null,
    },
  ],
});
