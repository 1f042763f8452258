import rule from '../../../server/src/rules/kubernetes/security-context';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const HARDENED =
  '    securityContext:\n      runAsNonRoot: true\n      allowPrivilegeEscalation: false\n      readOnlyRootFilesystem: true\n      capabilities:\n        drop:\n        - ALL\n';

testKubernetesRule(rule, {
  valid: [
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n${HARDENED}`,
    {
      name: 'runAsNonRoot at the pod level, a non-zero runAsUser, drop in flow style',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  securityContext:\n    runAsUser: 10001\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    securityContext:\n      allowPrivilegeEscalation: false\n      readOnlyRootFilesystem: true\n      capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}\n',
    },
    {
      name: 'every check skipped through the annotations of other tools',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  annotations:\n    ignore-check.kube-linter.io/run-as-non-root: "vendor image"\n    checkov.io/skip1: CKV_K8S_20=legacy\n    checkov.io/skip2: CKV_K8S_22=writes to /var/cache\n    polaris.fairwinds.com/insecureCapabilities-exempt: "true"\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n',
    },
    {
      name: 'Polaris and kube-linter skip an explicit allowPrivilegeEscalation: true (their checks fire only on it)',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  annotations:\n    polaris.fairwinds.com/privilegeEscalationAllowed-exempt: "true"\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    securityContext:\n      runAsNonRoot: true\n      allowPrivilegeEscalation: true\n      readOnlyRootFilesystem: true\n      capabilities:\n        drop: [ALL]\n',
    },
    {
      name: 'Polaris fires when allowPrivilegeEscalation is unset, so its exemption skips an unset one',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  annotations:\n    polaris.fairwinds.com/privilegeEscalationAllowed-exempt: "true"\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    securityContext:\n      runAsNonRoot: true\n      readOnlyRootFilesystem: true\n      capabilities:\n        drop: [ALL]\n',
    },
    {
      name: 'not a workload',
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n',
    },
  ],
  invalid: [
    {
      name: 'no security context: the whole block is added',
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: publishing-api
spec:
  selector:
    matchLabels:
      app: publishing-api
  template:
    metadata:
      labels:
        app: publishing-api
    spec:
      containers:
      - name: api
              ~~~
        image: registry.example.com/publishing-api:v1.0.0`,
      ranges: ['14:14-14:17', '14:14-14:17', '14:14-14:17'],
      messageIds: ['runAsNonRoot', 'allowPrivilegeEscalation', 'readOnlyRootFilesystem', 'drop'],
      output:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: publishing-api\nspec:\n  selector:\n    matchLabels:\n      app: publishing-api\n  template:\n    metadata:\n      labels:\n        app: publishing-api\n    spec:\n      containers:\n      - name: api\n        image: registry.example.com/publishing-api:v1.0.0\n        securityContext:\n          runAsNonRoot: true\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop:\n            - ALL',
    },
    {
      name: 'a partial context is completed: wrong values replaced, ALL appended, comments kept (indented lists)',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
    - name: api
      image: registry.example.com/api:1.4.2
      securityContext: # reviewed 2024-05
      ~~~~~~~~~~~~~~~
        readOnlyRootFilesystem: false # the app writes /tmp
        ~~~~~~~~~~~~~~~~~~~~~~
        capabilities:
        ~~~~~~~~~~~~
          drop:
            - NET_RAW`,
      ranges: ['8:6-8:21'],
      messageIds: ['runAsNonRoot', 'allowPrivilegeEscalation', 'readOnlyRootFilesystem', 'drop'],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: registry.example.com/api:1.4.2\n      securityContext: # reviewed 2024-05\n        readOnlyRootFilesystem: true # the app writes /tmp\n        capabilities:\n          drop:\n            - NET_RAW\n            - ALL\n        runAsNonRoot: true\n        allowPrivilegeEscalation: false',
    },
    {
      name: 'init containers and Jobs are checked too (CRLF)',
      code: 'apiVersion: batch/v1\r\nkind: Job\r\nmetadata:\r\n  name: migrate\r\nspec:\r\n  template:\r\n    spec:\r\n      restartPolicy: Never\r\n      securityContext:\r\n        runAsNonRoot: true\r\n      initContainers:\r\n      - name: wait\r\n        image: busybox:1.36\r\n        securityContext:\r\n          allowPrivilegeEscalation: false\r\n          readOnlyRootFilesystem: true\r\n          capabilities:\r\n            drop: [ALL]\r\n      containers:\r\n      - name: migrate\r\n        image: registry.example.com/app:1.0.0\r\n',
      ranges: ['19:14-19:21', '19:14-19:21', '19:14-19:21'],
      messageIds: ['allowPrivilegeEscalation', 'readOnlyRootFilesystem', 'drop'],
      output:
        'apiVersion: batch/v1\r\nkind: Job\r\nmetadata:\r\n  name: migrate\r\nspec:\r\n  template:\r\n    spec:\r\n      restartPolicy: Never\r\n      securityContext:\r\n        runAsNonRoot: true\r\n      initContainers:\r\n      - name: wait\r\n        image: busybox:1.36\r\n        securityContext:\r\n          allowPrivilegeEscalation: false\r\n          readOnlyRootFilesystem: true\r\n          capabilities:\r\n            drop: [ALL]\r\n      containers:\r\n      - name: migrate\r\n        image: registry.example.com/app:1.0.0\r\n        securityContext:\r\n          allowPrivilegeEscalation: false\r\n          readOnlyRootFilesystem: true\r\n          capabilities:\r\n            drop:\r\n            - ALL\r\n',
    },
    {
      name: 'an alias turned off in the configuration silences only the findings that answer to it',
      config: {
        rules: { 'polaris:privilegeEscalationAllowed': 'off', 'kube-linter:run-as-non-root': 'error' },
      },
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n',
      ranges: ['6:10-6:13', '6:10-6:13', '6:10-6:13'],
      messageIds: ['runAsNonRoot', 'readOnlyRootFilesystem', 'drop'],
    },
    {
      name: 'runAsUser 0 asks for root: reported without a fix',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: registry.example.com/api:1.4.2
    securityContext:
    ~~~~~~~~~~~~~~~
      runAsUser: 0
      allowPrivilegeEscalation: false
      readOnlyRootFilesystem: true
      capabilities:
        drop: [ALL]`,
      output: null,
    },
    {
      name: "an explicit allowPrivilegeEscalation: true is also kube-linter's check; the second fix sets only it",
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: registry.example.com/api:1.4.2
    securityContext:
      allowPrivilegeEscalation: true
      ~~~~~~~~~~~~~~~~~~~~~~~~
      readOnlyRootFilesystem: true
      capabilities:
      ~~~~~~~~~~~~
        drop: [NET_RAW]
      runAsNonRoot: true`,
      messageIds: ['allowPrivilegeEscalation', 'drop'],
      fixTitle: 'only',
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    securityContext:\n      allowPrivilegeEscalation: false\n      readOnlyRootFilesystem: true\n      capabilities:\n        drop: [NET_RAW, ALL]\n      runAsNonRoot: true',
    },
    {
      name: 'a skipped check leaves the rest of the finding',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: api
  annotations:
    ignore-check.kube-linter.io/no-read-only-root-fs: "nginx writes its cache"
spec:
  containers:
  - name: api
          ~~~
    image: registry.example.com/api:1.4.2`,
      ranges: ['8:10-8:13', '8:10-8:13'],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  annotations:\n    ignore-check.kube-linter.io/no-read-only-root-fs: "nginx writes its cache"\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    securityContext:\n      runAsNonRoot: true\n      allowPrivilegeEscalation: false\n      capabilities:\n        drop:\n        - ALL',
    },
  ],
});
