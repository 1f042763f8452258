import { defineRule } from '../../core/rule';
import {
  containerLabel,
  get,
  items,
  num,
  rangeOf,
  str,
  type KubernetesModel,
} from '../../languages/kubernetes';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/container-ports',
  language: 'kubernetes',
  severity: 'info',
  recommended: false,
  defaultOff: true,
  aliases: ['kube-linter:privileged-ports', 'kube-linter:ssh-port', 'trivy:KSV117'],
  fix: null,
  messages: {
    privileged:
      '{container} listens on port {port}, below 1024: binding it needs root or NET_BIND_SERVICE. Listen on a high port and map it in the Service.',
    ssh: '{container} exposes port 22 (SSH): containers are replaced, not logged into. Use kubectl exec or a debug container.',
  },
  docs: {
    summary: 'Containers should listen on unprivileged ports, and not on SSH.',
    rationale:
      'A port below 1024 needs root or the NET_BIND_SERVICE capability, both of which the usual hardening ' +
      'removes; a Service can map port 80 to a container port 8080 for free. An SSH server in a container is a ' +
      'second way in that bypasses RBAC and audit logs. Off by default: many official images listen on 80.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    ports:\n    - containerPort: 80\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginxinc/nginx-unprivileged:1.27\n    ports:\n    - containerPort: 8080\n',
  },
  check(ctx) {
    for (const w of ctx.model.workloads)
      for (const c of w.containers)
        for (const p of items(get(c.node, 'ports')?.value)) {
          const e = get(p, 'containerPort');
          const port = num(e?.value);
          if (!e || port === undefined || port < 1 || port >= 1024) continue;
          const tcp = (str(get(p, 'protocol')?.value) ?? 'TCP') === 'TCP';
          ctx.report({
            at: rangeOf(ctx.doc, e),
            messageId: port === 22 && tcp ? 'ssh' : 'privileged',
            aliases:
              port === 22 && tcp
                ? ['kube-linter:ssh-port', 'kube-linter:privileged-ports', 'trivy:KSV117']
                : ['kube-linter:privileged-ports', 'trivy:KSV117'],
            data: { container: containerLabel(c), port },
          });
        }
  },
});
