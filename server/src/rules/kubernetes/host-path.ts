import { defineRule } from '../../core/rule';
import type { TextEdit } from '../../core/text';
import { addToMap, setScalar } from '../../fixes/kubernetes';
import {
  asMap,
  bool,
  get,
  items,
  mapAt,
  rangeOf,
  stable,
  str,
  workloadLabel,
  type KubernetesModel,
  type YAMLMap,
} from '../../languages/kubernetes';

/** Host directories whose contents control the node: exact paths, and everything below the `/…/` ones. */
const SENSITIVE = [
  '/',
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/proc',
  '/sys',
  '/usr',
  '/root',
  '/run',
  '/var/run',
];
const SENSITIVE_TREES = [
  '/etc/',
  '/proc/',
  '/sys/',
  '/boot/',
  '/root/',
  '/dev/',
  '/var/lib/docker',
  '/var/lib/containerd',
  '/var/lib/kubelet',
];
/** kube-linter's sensitive-host-mounts matches exactly these. */
const KUBE_LINTER = new Set(['/', '/boot', '/dev', '/etc', '/lib', '/proc', '/sys', '/usr']);
/** The container runtime's socket is kubernetes/docker-socket's finding. */
const SOCKET = /(^|\/)(docker|containerd|crio|cri-dockerd)\.sock$/;

function normalize(p: string): string {
  const t = p.replace(/\/+/g, '/');
  return t.length > 1 ? t.replace(/\/$/, '') : t;
}

export default defineRule<KubernetesModel>({
  id: 'kubernetes/host-path',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: [
    'polaris:hostPathSet',
    'trivy:KSV023',
    'kube-linter:sensitive-host-mounts',
    'kube-linter:writable-host-mount',
  ],
  fix: 'unsafe',
  messages: {
    sensitive:
      "{workload} mounts the node's {path}{writable}: whoever controls the container can {effect} what the node trusts.",
    writable: "{workload} mounts the node's {path} writable: the container can change files on the node.",
  },
  docs: {
    summary: "Pods should not mount the node's directories, above all sensitive ones or writable.",
    rationale:
      "A hostPath volume gives the container the node's files. Under `/etc`, `/proc`, `/sys`, `/dev`, `/boot`, " +
      "`/root`, `/var/run`, `/var/lib/docker`, `/var/lib/kubelet` or `/` itself they are the node's configuration, " +
      "kernel interfaces, devices, credentials and the other containers' data; mounted writable, any path lets " +
      'the container plant files the node will run or trust. Read-only mounts of other paths are left alone. Node ' +
      'agents (log shippers, node exporters) run as DaemonSets and need some of these: there every finding is ' +
      "info. The runtime socket is `kubernetes/docker-socket`'s. The fix mounts a writable hostPath read-only " +
      '(`readOnly: true` on each of its volumeMounts), which breaks a container that writes there.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  containers:\n  - name: agent\n    image: registry.example.com/agent:1.0.0\n    volumeMounts:\n    - name: etc\n      mountPath: /host/etc\n  volumes:\n  - name: etc\n    hostPath:\n      path: /etc\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  containers:\n  - name: agent\n    image: registry.example.com/agent:1.0.0\n    volumeMounts:\n    - name: config\n      mountPath: /etc/agent\n  volumes:\n  - name: config\n    configMap:\n      name: agent-config\n',
  },
  check(ctx) {
    for (const w of ctx.model.workloads) {
      for (const v of items(get(w.podSpec, 'volumes')?.value)) {
        const pathEntry = get(mapAt(v, 'hostPath'), 'path');
        const raw = str(pathEntry?.value);
        const volume = str(get(v, 'name')?.value);
        if (!pathEntry || !raw || SOCKET.test(raw)) continue;
        const path = normalize(raw);
        const mounts: YAMLMap[] = [];
        for (const c of w.containers)
          for (const m of items(get(c.node, 'volumeMounts')?.value)) {
            const map = asMap(m);
            if (map && volume !== undefined && str(get(map, 'name')?.value) === volume) mounts.push(map);
          }
        const writable = mounts.filter((m) => bool(get(m, 'readOnly')?.value) !== true);
        const sensitive = SENSITIVE.includes(path) || SENSITIVE_TREES.some((t) => path.startsWith(t));
        const aliases = ['polaris:hostPathSet', 'trivy:KSV023'];
        if (KUBE_LINTER.has(path)) aliases.push('kube-linter:sensitive-host-mounts');
        if (writable.length) aliases.push('kube-linter:writable-host-mount');
        if (!sensitive && writable.length === 0) continue;
        const messageId = sensitive ? 'sensitive' : 'writable';
        ctx.report({
          at: rangeOf(ctx.doc, pathEntry),
          messageId,
          severity: w.kind === 'DaemonSet' ? 'info' : undefined,
          aliases,
          data: {
            workload: workloadLabel(w),
            path: raw,
            writable: writable.length ? ' writable' : ' read-only',
            effect: writable.length ? 'read and change' : 'read',
          },
          fix: !sensitive
            ? stable(w.manifest.document, () => {
                const edits: TextEdit[] = [];
                for (const m of writable) {
                  const ro = get(m, 'readOnly');
                  const e = ro?.value
                    ? setScalar(ctx.doc, ro.value, true)
                    : ro
                      ? undefined
                      : addToMap(ctx.doc, m, ['readOnly: true']);
                  if (!e) return undefined;
                  edits.push(e);
                }
                return { title: `Mount ${raw} read-only (changes behaviour)`, edits };
              })
            : undefined,
        });
      }
    }
  },
});
