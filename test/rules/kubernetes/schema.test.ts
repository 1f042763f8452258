import rule from '../../../server/src/rules/kubernetes/schema';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const DEPLOYMENT = (container: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
${container}`;

testKubernetesRule(rule, {
  valid: [
    {
      name: 'a complete Deployment',
      code: DEPLOYMENT(
        '      - name: web\n        image: nginx:1.27\n        ports:\n        - containerPort: 80\n',
      ),
    },
    {
      name: 'custom resources are not checked',
      code: 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: web\nspec:\n  anything: goes\n',
    },
    {
      name: 'a kubeconfig-like core kind that is not an API object is left alone',
      code: 'apiVersion: v1\nkind: List\nitems: []\n',
    },
    {
      name: 'empty values are unset, as kubectl reads them (creationTimestamp: null, resources:)',
      code: DEPLOYMENT(
        '      - name: web\n        image: nginx:1.27\n        resources:\n        securityContext: null\n',
      ).replace('metadata:\n  name: web', 'metadata:\n  name: web\n  creationTimestamp: null'),
    },
    {
      name: 'YAML 1.1 booleans are booleans, as kubectl reads them',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: no\n  automountServiceAccountToken: off\n  containers:\n  - name: c\n    image: busybox:1.36\n',
    },
    {
      name: 'int-or-string ports and quantities as numbers',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n    resources:\n      limits:\n        cpu: 1\n        memory: 1Gi\n      requests:\n        cpu: 0.5\n        memory: 512e6\n    livenessProbe:\n      httpGet:\n        port: http\n        path: /\n',
    },
    {
      name: 'merge keys and anchors are followed',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - &base\n    name: a\n    image: busybox:1.36\n  - <<: *base\n    name: b\n',
    },
    {
      name: "a removed API version is the deprecated-api rule's finding",
      code: 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  backend:\n    serviceName: web\n    servicePort: 80\n',
    },
    {
      name: 'a Job with restartPolicy Never',
      code: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: migrate\n        image: registry.example.com/app:1.0.0\n',
    },
    {
      name: 'a native sidecar: restartPolicy Always on an init container',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - name: proxy\n    image: envoyproxy/envoy:v1.31.0\n    restartPolicy: Always\n  containers:\n  - name: app\n    image: busybox:1.36\n',
    },
    {
      name: 'a document with a YAML syntax error is left to kubernetes/syntax-error',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  name: q\nspec:\n  containerz: []\n',
    },
    {
      name: 'generateName instead of name',
      code: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: migrate-\nspec:\n  template:\n    spec:\n      restartPolicy: OnFailure\n      containers:\n      - name: m\n        image: busybox:1.36\n',
    },
    {
      name: 'the requested version is bundled',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n',
      config: { kubernetesVersion: '1.32' },
    },
  ],
  invalid: [
    {
      name: 'a misspelt field, renamed (safe: only the case differs)',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: registry.example.com/api:1.4.2
    livenessprobe:
    ~~~~~~~~~~~~~
      httpGet:
        path: /health
        port: 8080`,
      messageIds: ['unknownField'],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    livenessProbe:\n      httpGet:\n        path: /health\n        port: 8080',
    },
    {
      name: 'a typo that is not only case: an unsafe guess',
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replica: 3
  ~~~~~~~
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27`,
      output:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27',
    },
    {
      name: 'a quoted number where an integer belongs, with comments kept',
      code: `
# The web tier.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web # public
spec:
  replicas: "3" # three zones
            ~~~
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27`,
      messageIds: ['wrongType'],
      output:
        '# The web tier.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web # public\nspec:\n  replicas: 3 # three zones\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27',
    },
    {
      name: 'a number where a label value (string) belongs is quoted as written',
      code: `
apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  labels:
    version: 1.0
             ~~~`,
      output: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    version: "1.0"',
    },
    {
      name: 'a missing required field goes on the key of the object that lacks it',
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
~~~~
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27`,
      messageIds: ['missingField'],
      output: null,
    },
    {
      name: 'a list item without its required field is reported on its first key',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - image: busybox:1.36
    ~~~~~`,
      output: null,
    },
    {
      name: 'values outside the accepted set, fixed when only the case is wrong (CRLF kept)',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\nspec:\r\n  containers:\r\n  - name: c\r\n    image: busybox:1.36\r\n    imagePullPolicy: always\r\n    ports:\r\n    - containerPort: 80\r\n      protocol: "tcp"\r\n',
      ranges: ['8:21-8:27', '11:16-11:21'],
      messageIds: ['badEnum', 'badEnum'],
      output:
        'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\nspec:\r\n  containers:\r\n  - name: c\r\n    image: busybox:1.36\r\n    imagePullPolicy: Always\r\n    ports:\r\n    - containerPort: 80\r\n      protocol: "TCP"\r\n',
    },
    {
      name: '512MB is not a quantity: 512M is the same amount',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: c
    image: busybox:1.36
    resources:
      limits:
        memory: "512MB"
                ~~~~~~~`,
      messageIds: ['badQuantity'],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n    resources:\n      limits:\n        memory: "512M"',
    },
    {
      name: '512MB as 512Mi, the customary unit, is offered second',
      code: 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 20GB\n',
      ranges: ['8:15-8:19'],
      fixTitle: '20Gi',
      output:
        'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 20Gi\n',
    },
    {
      name: 'a kind that does not exist in its group',
      code: `
apiVersion: apps/v1
kind: Deploymnet
      ~~~~~~~~~~
metadata:
  name: web`,
      messageIds: ['unknownKind'],
    },
    {
      name: 'a kind served by another group',
      code: `
apiVersion: v1
            ~~
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27`,
      messageIds: ['kindElsewhere'],
      output:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27',
    },
    {
      name: 'a version the group does not serve',
      code: 'apiVersion: autoscaling/v3\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  scaleTargetRef:\n    kind: Deployment\n    name: web\n  maxReplicas: 3\n',
      ranges: ['0:12-0:26'],
      messageIds: ['unknownVersion'],
      output:
        'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  scaleTargetRef:\n    kind: Deployment\n    name: web\n  maxReplicas: 3\n',
    },
    {
      name: 'a Job without restartPolicy, and a container-level restartPolicy',
      code: `
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
    ~~~~
      containers:
      - name: migrate
        image: registry.example.com/app:1.0.0
        restartPolicy: Always
        ~~~~~~~~~~~~~`,
      messageIds: ['jobRestartPolicy', 'containerRestartPolicy'],
      output: null,
    },
    {
      name: 'a Deployment whose pods may not restart',
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      restartPolicy: Never
                     ~~~~~
      containers:
      - name: web
        image: nginx:1.27`,
      messageIds: ['podRestartPolicy'],
    },
    {
      name: 'an object without a name',
      code: `
apiVersion: v1
kind: ConfigMap
metadata:
~~~~~~~~
  labels:
    app: web`,
      messageIds: ['missingName'],
    },
    {
      name: 'an unavailable kubernetes.version is said once, as info',
      code: `
apiVersion: v1
            ~~
kind: ConfigMap
metadata:
  name: c`,
      config: { kubernetesVersion: '1.29' },
      messageIds: ['versionFallback'],
    },
    {
      name: 'a newer version than the bundled schemas: said once, and unknown fields are warnings (see kubernetes-versions.test.ts)',
      code: `
apiVersion: v1
            ~~
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: registry.example.com/api:1.4.2
    brandNewField: true
    ~~~~~~~~~~~~~
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: c`,
      config: { kubernetesVersion: '1.33' },
      messageIds: ['versionNewer', 'unknownFieldNewer'],
    },
    {
      name: 'a field added in 1.33 (Lifecycle.stopSignal), on the default version: a warning naming the release',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: registry.example.com/api:1.4.2
    lifecycle:
      stopSignal: SIGUSR1
      ~~~~~~~~~~
    env:
    - name: CONFIG
      valueFrom:
        fileKeyRef: {path: config.env, key: CONFIG, volumeName: config}
        ~~~~~~~~~~`,
      messageIds: ['newerField', 'newerField'],
    },
    {
      name: 'a field added in 1.34 with kubernetes.version 1.33: still a warning',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  hostnameOverride: api.example.com
  ~~~~~~~~~~~~~~~~
  containers:
  - name: api
    image: registry.example.com/api:1.4.2
    lifecycle:
      stopSignal: SIGUSR1`,
      config: { kubernetesVersion: '1.33' },
      ranges: ['0:12-0:14'],
      messageIds: ['versionNewer', 'newerField'],
    },
    {
      name: 'fields and API versions a newer configured version added are accepted: only the version note',
      code: `
apiVersion: v1
            ~~
kind: Pod
metadata:
  name: api
spec:
  hostnameOverride: api.example.com
  containers:
  - name: api
    image: registry.example.com/api:1.4.2
    restartPolicyRules: []
---
apiVersion: resource.k8s.io/v1
kind: DeviceClass
metadata:
  name: gpu`,
      config: { kubernetesVersion: '1.34' },
      messageIds: ['versionNewer'],
    },
    {
      name: 'an API version served from 1.34, on the default version',
      code: `
apiVersion: resource.k8s.io/v1
            ~~~~~~~~~~~~~~~~~~
kind: DeviceClass
metadata:
  name: gpu`,
      messageIds: ['newerApi'],
    },
  ],
});
