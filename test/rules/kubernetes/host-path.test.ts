import rule from '../../../server/src/rules/kubernetes/host-path';
import { deployment, pod } from '../../helpers/kubernetes-fixtures';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const mounted = (path: string, mount = ''): string =>
  pod(
    `  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    volumeMounts:\n    - name: host\n      mountPath: /host\n${mount}  volumes:\n  - name: host\n    hostPath:\n      path: ${path}\n`,
  );

testKubernetesRule(rule, {
  valid: [
    pod(
      '  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n  volumes:\n  - name: tmp\n    emptyDir: {}\n',
    ),
    { name: "the runtime socket is docker-socket's", code: mounted('/var/run/docker.sock') },
    { name: 'a read-only mount of another path', code: mounted('/opt/models', '      readOnly: true\n') },
  ],
  invalid: [
    {
      name: 'a sensitive path, writable or not, has no fix',
      code: mounted('/etc'),
      ranges: ['14:12-14:16'],
      messageIds: ['sensitive'],
      output: null,
    },
    {
      name: 'readOnly: false is set to true (CRLF)',
      code: mounted('/srv/uploads', '      readOnly: false\n').replace(/\n/g, '\r\n'),
      ranges: ['15:12-15:24'],
      output: mounted('/srv/uploads', '      readOnly: true\n').replace(/\n/g, '\r\n'),
    },
    {
      name: 'a read-only path below /var/lib/kubelet',
      code: mounted('/var/lib/kubelet/pods', '      readOnly: true\n'),
      ranges: ['15:12-15:33'],
      output: null,
    },
    {
      name: 'a writable mount of another path',
      code: mounted('/data/cache/'),
      ranges: ['14:12-14:24'],
      messageIds: ['writable'],
      output: mounted('/data/cache/', '      readOnly: true\n'),
    },
    {
      name: 'a DaemonSet reading /proc (node exporter)',
      code: deployment(
        '      containers:\n      - name: ne\n        image: quay.io/prometheus/node-exporter:v1.8.2\n        volumeMounts:\n        - name: proc\n          mountPath: /host/proc\n          readOnly: true\n      volumes:\n      - name: proc\n        hostPath:\n          path: /proc\n',
        '',
        'DaemonSet',
      ),
      ranges: ['23:16-23:21'],
      messageIds: ['sensitive'],
      output: null,
    },
  ],
});
