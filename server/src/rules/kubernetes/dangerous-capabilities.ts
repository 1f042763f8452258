import { defineRule } from '../../core/rule';
import { deleteItem } from '../../fixes/yaml';
import {
  BASELINE_CAPABILITIES,
  containerLabel,
  entryAt,
  items,
  rangeOf,
  stable,
  str,
  type KubernetesModel,
} from '../../languages/kubernetes';

const WHY: Record<string, string> = {
  ALL: 'every capability, as good as privileged',
  SYS_ADMIN: 'mount, namespaces and most of what root can do: the usual container escape',
  NET_ADMIN: "the pod's network configuration: routes, iptables, interfaces",
  NET_RAW: 'raw sockets: spoofed packets and ARP or DNS poisoning of neighbours',
  SYS_MODULE: 'loading kernel modules into the node',
  SYS_PTRACE: 'tracing and reading the memory of other processes',
  DAC_READ_SEARCH: 'reading any file, a known escape path (open_by_handle_at)',
  BPF: 'loading eBPF programs into the kernel',
};

function aliasesOf(cap: string): string[] {
  const out = ['checkov:CKV_K8S_25', 'trivy:KSV022'];
  if (cap === 'ALL' || cap === 'SYS_ADMIN' || cap === 'NET_ADMIN') out.push('polaris:dangerousCapabilities');
  if (cap === 'SYS_ADMIN') out.push('checkov:CKV_K8S_39', 'trivy:KSV005');
  if (cap === 'NET_RAW') out.push('trivy:KSV119');
  if (cap === 'SYS_MODULE') out.push('trivy:KSV120');
  return out;
}

export default defineRule<KubernetesModel>({
  id: 'kubernetes/dangerous-capabilities',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: [
    'polaris:dangerousCapabilities',
    'checkov:CKV_K8S_25',
    'checkov:CKV_K8S_39',
    'trivy:KSV005',
    'trivy:KSV022',
    'trivy:KSV119',
    'trivy:KSV120',
  ],
  fix: 'unsafe',
  messages: {
    known: '{container} adds the capability {cap}: {why}.',
    other: '{container} adds the capability {cap}, which the baseline Pod Security Standard does not allow.',
  },
  docs: {
    summary: 'Containers should not add capabilities beyond the baseline set.',
    rationale:
      "Capabilities split root's powers; the baseline Pod Security Standard lets a container add back only the " +
      "container runtimes' defaults (CHOWN, NET_BIND_SERVICE, SETUID…, not NET_RAW). Adding ALL, SYS_ADMIN, " +
      'NET_ADMIN, SYS_MODULE, SYS_PTRACE or BPF hands the container a path to the node. Capability names are ' +
      'matched without case and without a `CAP_` prefix, as the runtimes do; other capabilities outside the ' +
      'baseline (IPC_LOCK, SYS_TIME…) are info. The fix removes the capability, ' +
      'which takes away what the process may do.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: vpn\nspec:\n  containers:\n  - name: vpn\n    image: registry.example.com/vpn:1.0.0\n    securityContext:\n      capabilities:\n        add:\n        - NET_ADMIN\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: vpn\nspec:\n  containers:\n  - name: vpn\n    image: registry.example.com/vpn:1.0.0\n    securityContext:\n      capabilities:\n        drop:\n        - ALL\n        add:\n        - NET_BIND_SERVICE\n',
  },
  check(ctx) {
    for (const w of ctx.model.workloads)
      for (const c of w.containers)
        for (const item of items(entryAt(c.node, 'securityContext', 'capabilities', 'add')?.value)) {
          const written = str(item);
          if (!written) continue;
          const cap = written.toUpperCase().replace(/^CAP_/, '');
          if (BASELINE_CAPABILITIES.has(cap)) continue;
          const why = WHY[cap];
          ctx.report({
            at: rangeOf(ctx.doc, item),
            messageId: why ? 'known' : 'other',
            // Capabilities outside the well-known escape paths (IPC_LOCK for mlock, SYS_TIME…) are info.
            severity: why ? undefined : 'info',
            aliases: aliasesOf(cap),
            data: { container: containerLabel(c), cap: written, why: why ?? '' },
            fix: stable(w.manifest.document, () => {
              const edit = deleteItem(ctx.doc, item);
              return edit
                ? { title: `Remove the capability ${written} (changes behaviour)`, edits: [edit] }
                : undefined;
            }),
          });
        }
  },
});
