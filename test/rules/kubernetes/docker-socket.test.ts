import rule from '../../../server/src/rules/kubernetes/docker-socket';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

testKubernetesRule(rule, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n    volumeMounts:\n    - name: logs\n      mountPath: /logs\n  volumes:\n  - name: logs\n    hostPath:\n      path: /var/log\n',
    {
      name: 'a socket volume no container mounts',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n  volumes:\n  - name: docker\n    hostPath:\n      path: /var/run/docker.sock\n',
    },
  ],
  invalid: [
    {
      name: 'the Docker socket mounted into a CI runner',
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: runner
spec:
  selector:
    matchLabels:
      app: runner
  template:
    metadata:
      labels:
        app: runner
    spec:
      containers:
      - name: runner
        image: registry.example.com/runner:16.0.0
        volumeMounts:
        - name: docker
          mountPath: /var/run/docker.sock
      volumes:
      - name: docker
        hostPath:
          path: /var/run/docker.sock
                ~~~~~~~~~~~~~~~~~~~~`,
      output: null,
    },
    {
      name: 'the containerd socket, CRLF',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\nspec:\r\n  containers:\r\n  - name: c\r\n    image: busybox:1.36\r\n    volumeMounts:\r\n    - name: ctr\r\n      mountPath: /run/containerd/containerd.sock\r\n  volumes:\r\n  - name: ctr\r\n    hostPath:\r\n      path: "/run/containerd/containerd.sock"\r\n',
      ranges: ['14:12-14:45'],
    },
  ],
});
