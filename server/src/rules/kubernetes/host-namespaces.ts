import { defineRule } from '../../core/rule';
import { deletePair } from '../../fixes/yaml';
import { bool, get, rangeOf, stable, workloadLabel, type KubernetesModel } from '../../languages/kubernetes';

const NAMESPACES = {
  hostNetwork: {
    what: "the node's network stack: it can bind node ports and reach services listening on the node's loopback",
    aliases: ['kube-linter:host-network', 'polaris:hostNetworkSet', 'checkov:CKV_K8S_19', 'trivy:KSV009'],
  },
  hostPID: {
    what: "the node's process table: it can see, signal and read the environment of every process on the node",
    aliases: ['kube-linter:host-pid', 'polaris:hostPIDSet', 'checkov:CKV_K8S_17', 'trivy:KSV010'],
  },
  hostIPC: {
    what: "the node's shared memory and IPC: it can read other processes' shared memory",
    aliases: ['kube-linter:host-ipc', 'polaris:hostIPCSet', 'checkov:CKV_K8S_18', 'trivy:KSV008'],
  },
} as const;

export default defineRule<KubernetesModel>({
  id: 'kubernetes/host-namespaces',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: Object.values(NAMESPACES).flatMap((n) => n.aliases),
  fix: 'unsafe',
  messages: {
    shared: '{workload} sets {field}: its pods share {what}.',
  },
  docs: {
    summary: "Pods should not share the node's network, process or IPC namespace.",
    rationale:
      '`hostNetwork`, `hostPID` and `hostIPC` remove the isolation between the pod and the node, so one ' +
      'compromised container can sniff traffic, signal or inspect every process, or read shared memory of the ' +
      'node. Node agents (CNI plugins, node exporters) need them and usually run as DaemonSets, so there the ' +
      'finding is info; elsewhere it is a warning. Each field is its own finding with its own aliases. The fix ' +
      'removes the field.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\nspec:\n  hostPID: true\n  containers:\n  - name: debug\n    image: registry.example.com/debug:1.0.0\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\nspec:\n  containers:\n  - name: debug\n    image: registry.example.com/debug:1.0.0\n',
  },
  check(ctx) {
    for (const w of ctx.model.workloads)
      for (const [field, info] of Object.entries(NAMESPACES)) {
        const e = get(w.podSpec, field);
        if (!e || bool(e.value) !== true) continue;
        ctx.report({
          at: rangeOf(ctx.doc, e),
          messageId: 'shared',
          severity: w.kind === 'DaemonSet' ? 'info' : undefined,
          aliases: info.aliases,
          data: { workload: workloadLabel(w), field, what: info.what },
          fix: stable(w.manifest.document, () => {
            const edit = deletePair(ctx.doc, e.pair);
            return edit ? { title: `Remove ${field} (changes behaviour)`, edits: [edit] } : undefined;
          }),
        });
      }
  },
});
