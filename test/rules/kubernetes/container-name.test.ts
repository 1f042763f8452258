import rule from '../../../server/src/rules/kubernetes/container-name';
import { pod } from '../../helpers/kubernetes-fixtures';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const c = (list: string, name: string): string =>
  `  ${list}:\n  - name: ${name}\n    image: registry.example.com/${list.toLowerCase()}:1.0.0\n`;

testKubernetesRule(rule, {
  valid: [
    pod(c('initContainers', 'migrate') + c('containers', 'api')),
    { name: 'a placeholder', code: pod(c('containers', '${APP_NAME}')) },
    {
      name: 'a kustomize patch may repeat a name it merges',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  $setElementOrder/containers:\n  - name: api\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n  - name: api\n    image: registry.example.com/api:1.4.3\n',
    },
  ],
  invalid: [
    {
      name: 'an init container and an app container share a name; an ephemeral container too',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  initContainers:
  - name: api
    image: registry.example.com/migrate:1.0.0
  containers:
  - name: api
          ~~~
    image: registry.example.com/api:1.4.2
  ephemeralContainers:
  - name: api
          ~~~
    image: busybox:1.36`,
      messageIds: ['duplicate', 'duplicate'],
      output: null,
    },
    {
      name: 'names that are not DNS-1123 labels',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: API_Server
          ~~~~~~~~~~
    image: registry.example.com/api:1.4.2
  - name: -sidecar
          ~~~~~~~~
    image: registry.example.com/sidecar:1.0.0`,
      messageIds: ['invalid', 'invalid'],
      output: null,
    },
  ],
});
