import { defineRule } from '../../core/rule';
import { deleteItem } from '../../fixes/yaml';
import {
  get,
  items,
  mapAt,
  rangeOf,
  stable,
  str,
  workloadLabel,
  type KubernetesModel,
} from '../../languages/kubernetes';

/**
 * The sysctls the kubelet allows without `--allowed-unsafe-sysctls` (pkg/kubelet/sysctl/safe_sysctls.go,
 * Kubernetes 1.32): namespaced per pod and without effect on other pods of the node. The Pod Security
 * Standards' baseline allows the same set.
 */
const SAFE = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
]);

/** kube-linter's unsafe-sysctls flags names with these prefixes. */
const KUBE_LINTER = ['kernel.msg', 'kernel.sem', 'kernel.shm', 'fs.mqueue.', 'net.'];

export default defineRule<KubernetesModel>({
  id: 'kubernetes/unsafe-sysctls',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: ['kube-linter:unsafe-sysctls', 'trivy:KSV026'],
  fix: 'unsafe',
  messages: {
    unsafe:
      '{workload} sets the unsafe sysctl {name}: the kubelet refuses the pod unless the node allows it, and it can affect other pods on the node.',
  },
  docs: {
    summary: 'Pods should set only the sysctls the kubelet considers safe.',
    rationale:
      'A sysctl outside the safe set (kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, tcp_syncookies, ' +
      'ping_group_range, ip_unprivileged_port_start, ip_local_reserved_ports, the tcp_keepalive and tcp_fin_timeout ' +
      'settings, tcp_rmem and tcp_wmem in Kubernetes 1.32) is either not namespaced, so it changes the node for ' +
      'every pod, or can starve other pods. The kubelet rejects such a pod (SysctlForbidden) unless it was ' +
      'started with `--allowed-unsafe-sysctls`, and the baseline Pod Security Standard forbids it. The fix ' +
      'removes the sysctl.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: cache\nspec:\n  securityContext:\n    sysctls:\n    - name: net.core.somaxconn\n      value: "1024"\n  containers:\n  - name: cache\n    image: redis:7.2\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: cache\nspec:\n  securityContext:\n    sysctls:\n    - name: net.ipv4.ip_local_port_range\n      value: "1024 65535"\n  containers:\n  - name: cache\n    image: redis:7.2\n',
  },
  check(ctx) {
    for (const w of ctx.model.workloads)
      for (const s of items(get(mapAt(w.podSpec, 'securityContext'), 'sysctls')?.value)) {
        const e = get(s, 'name');
        const written = str(e?.value);
        if (!e || !written) continue;
        // The kubelet accepts `/` as the separator too (net/ipv4/tcp_syncookies).
        const name = written.replace(/\//g, '.');
        if (SAFE.has(name)) continue;
        ctx.report({
          at: rangeOf(ctx.doc, e),
          messageId: 'unsafe',
          aliases: KUBE_LINTER.some((p) => name.startsWith(p))
            ? ['kube-linter:unsafe-sysctls', 'trivy:KSV026']
            : ['trivy:KSV026'],
          data: { workload: workloadLabel(w), name: written },
          fix: stable(w.manifest.document, () => {
            const edit = deleteItem(ctx.doc, s);
            return edit
              ? { title: `Remove the sysctl ${written} (changes behaviour)`, edits: [edit] }
              : undefined;
          }),
        });
      }
  },
});
