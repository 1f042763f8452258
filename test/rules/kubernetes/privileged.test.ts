import rule from '../../../server/src/rules/kubernetes/privileged';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

testKubernetesRule(rule, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n    securityContext:\n      privileged: false\n',
    {
      name: 'no security context',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n',
    },
    {
      name: 'suppressed by a comment',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n    # shipshape-ignore kubernetes/privileged -- the CNI plugin needs it\n    securityContext:\n      privileged: true\n',
    },
  ],
  invalid: [
    {
      name: 'privileged: true is removed, the comments around it stay',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: c
    image: busybox:1.36
    securityContext:
      # needed for the old storage driver
      privileged: true
                  ~~~~
      runAsNonRoot: true`,
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n    securityContext:\n      # needed for the old storage driver\n      runAsNonRoot: true',
    },
    {
      name: 'YAML 1.1 yes in an init container, CRLF',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\nspec:\r\n  initContainers:\r\n  - name: sysctl\r\n    image: busybox:1.36\r\n    securityContext:\r\n      privileged: yes\r\n      runAsUser: 0\r\n  containers:\r\n  - name: c\r\n    image: busybox:1.36\r\n',
      ranges: ['9:18-9:21'],
      output:
        'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\nspec:\r\n  initContainers:\r\n  - name: sysctl\r\n    image: busybox:1.36\r\n    securityContext:\r\n      runAsUser: 0\r\n  containers:\r\n  - name: c\r\n    image: busybox:1.36\r\n',
    },
  ],
});
