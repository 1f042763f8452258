import { defineRule } from '../../core/rule';
import {
  get,
  items,
  mapAt,
  rangeOf,
  str,
  workloadLabel,
  type KubernetesModel,
} from '../../languages/kubernetes';
import { trimEndChars } from '../../core/strings';

const SOCKET = /(^|\/)(docker|containerd|crio|cri-dockerd)\.sock$/;
const DOCKER_ALIASES = ['kube-linter:docker-sock', 'checkov:CKV_K8S_27', 'trivy:KSV006'];

export default defineRule<KubernetesModel>({
  id: 'kubernetes/docker-socket',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: DOCKER_ALIASES,
  fix: null,
  messages: {
    socket:
      "{workload} mounts the host's container runtime socket {path}: whoever controls this container can start privileged containers on the node.",
  },
  docs: {
    summary: 'Pods should not mount the Docker (or containerd, CRI-O) socket from the host.',
    rationale:
      'The runtime socket is root on the node: a process that can talk to it can start a privileged container ' +
      "with the host's filesystem mounted. Builds in the cluster are better done with rootless builders (BuildKit " +
      'rootless, Kaniko). Reported on the hostPath when a container mounts the volume; a volume no container ' +
      'mounts is left alone. There is no fix: removing the mount breaks what it was for.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: builder\nspec:\n  containers:\n  - name: builder\n    image: registry.example.com/builder:3.1.0\n    volumeMounts:\n    - name: docker\n      mountPath: /var/run/docker.sock\n  volumes:\n  - name: docker\n    hostPath:\n      path: /var/run/docker.sock\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: builder\nspec:\n  containers:\n  - name: builder\n    image: registry.example.com/builder:3.1.0\n    volumeMounts:\n    - name: cache\n      mountPath: /cache\n  volumes:\n  - name: cache\n    emptyDir: {}\n',
  },
  check(ctx) {
    for (const w of ctx.model.workloads) {
      const mounted = new Set(
        w.containers.flatMap((c) =>
          items(get(c.node, 'volumeMounts')?.value).map((v) => str(get(v, 'name')?.value)),
        ),
      );
      for (const v of items(get(w.podSpec, 'volumes')?.value)) {
        const path = get(mapAt(v, 'hostPath'), 'path');
        const raw = str(path?.value);
        const p = raw === undefined ? undefined : trimEndChars(raw, '/');
        if (!path || !p || !SOCKET.test(p) || !mounted.has(str(get(v, 'name')?.value))) continue;
        ctx.report({
          at: rangeOf(ctx.doc, path),
          messageId: 'socket',
          aliases: /docker\.sock$/.test(p) ? DOCKER_ALIASES : [],
          data: { workload: workloadLabel(w), path: p },
        });
      }
    }
  },
});
