import rule from '../../../server/src/rules/kubernetes/selector-mismatch';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const DEPLOY = (selector: string, labels: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n${selector}  template:\n    metadata:\n${labels}    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n`;

testKubernetesRule(rule, {
  valid: [
    DEPLOY('    matchLabels:\n      app: web\n', '      labels:\n        app: web\n        tier: frontend\n'),
    {
      name: 'matchExpressions that match',
      code: DEPLOY(
        '    matchExpressions:\n    - key: app\n      operator: In\n      values: [web, www]\n    - key: canary\n      operator: DoesNotExist\n',
        '      labels:\n        app: web\n',
      ),
    },
    {
      name: 'a Pod has no selector',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n',
    },
    {
      name: "a missing selector is the schema rule's finding",
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n',
    },
  ],
  invalid: [
    {
      name: 'no fix where YAML cannot read the template (a fix would write beside nodes that are not there)',
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
           ~~~
  template:
   @x: metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27`,
      output: null,
    },
    {
      name: 'a label renamed in the template: the template follows the immutable selector (unsafe)',
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
           ~~~
  template:
    metadata:
      labels:
        app: frontend # renamed
    spec:
      containers:
      - name: web
        image: nginx:1.27`,
      messageIds: ['otherValue'],
      output:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web # renamed\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27',
    },
    {
      name: 'a label missing from the template is added (safe), CRLF',
      code: 'apiVersion: apps/v1\r\nkind: StatefulSet\r\nmetadata:\r\n  name: db\r\nspec:\r\n  serviceName: db\r\n  selector:\r\n    matchLabels:\r\n      app: db\r\n      tier: data\r\n  template:\r\n    metadata:\r\n      labels:\r\n        app: db\r\n    spec:\r\n      containers:\r\n      - name: db\r\n        image: postgres:16.4\r\n',
      ranges: ['9:12-9:16'],
      messageIds: ['missingLabel'],
      output:
        'apiVersion: apps/v1\r\nkind: StatefulSet\r\nmetadata:\r\n  name: db\r\nspec:\r\n  serviceName: db\r\n  selector:\r\n    matchLabels:\r\n      app: db\r\n      tier: data\r\n  template:\r\n    metadata:\r\n      labels:\r\n        app: db\r\n        tier: data\r\n    spec:\r\n      containers:\r\n      - name: db\r\n        image: postgres:16.4\r\n',
    },
    {
      name: 'a template without labels gets them',
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
           ~~~
  template:
    spec:
      containers:
      - name: web
        image: nginx:1.27`,
      output:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n    metadata:\n      labels:\n        app: web',
    },
    {
      name: 'an expression that excludes the template is reported without a fix',
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchExpressions:
    - key: app
      ~~~
      operator: NotIn
      values: [web]
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27`,
      output: null,
    },
  ],
});
