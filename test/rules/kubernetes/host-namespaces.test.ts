import rule from '../../../server/src/rules/kubernetes/host-namespaces';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

testKubernetesRule(rule, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: false\n  containers:\n  - name: c\n    image: busybox:1.36\n',
    {
      name: 'skipped by a Checkov annotation',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    checkov.io/skip1: CKV_K8S_19=node-local DNS cache\nspec:\n  hostNetwork: true\n  containers:\n  - name: c\n    image: busybox:1.36\n',
    },
  ],
  invalid: [
    {
      name: 'each shared namespace is its own finding',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  hostPID: true
           ~~~~
  hostIPC: true # shared memory with the host agent
           ~~~~
  containers:
  - name: debug
    image: registry.example.com/debug:1.0.0`,
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\nspec:\n  containers:\n  - name: debug\n    image: registry.example.com/debug:1.0.0',
    },
    {
      name: 'a DaemonSet on the host network (info), CRLF',
      code: 'apiVersion: apps/v1\r\nkind: DaemonSet\r\nmetadata:\r\n  name: node-exporter\r\nspec:\r\n  selector:\r\n    matchLabels:\r\n      app: ne\r\n  template:\r\n    metadata:\r\n      labels:\r\n        app: ne\r\n    spec:\r\n      hostNetwork: true\r\n      containers:\r\n      - name: ne\r\n        image: quay.io/prometheus/node-exporter:v1.8.2\r\n',
      ranges: ['13:19-13:23'],
      output:
        'apiVersion: apps/v1\r\nkind: DaemonSet\r\nmetadata:\r\n  name: node-exporter\r\nspec:\r\n  selector:\r\n    matchLabels:\r\n      app: ne\r\n  template:\r\n    metadata:\r\n      labels:\r\n        app: ne\r\n    spec:\r\n      containers:\r\n      - name: ne\r\n        image: quay.io/prometheus/node-exporter:v1.8.2\r\n',
    },
  ],
});
