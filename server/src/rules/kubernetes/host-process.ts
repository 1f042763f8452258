import { defineRule } from '../../core/rule';
import { deletePair } from '../../fixes/yaml';
import {
  bool,
  containerLabel,
  entryAt,
  rangeOf,
  stable,
  workloadLabel,
  type Entry,
  type KubernetesModel,
} from '../../languages/kubernetes';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/host-process',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: ['polaris:hostProcess', 'trivy:KSV103'],
  fix: 'unsafe',
  messages: {
    hostProcess:
      '{what} runs as a Windows HostProcess: it runs directly on the node with access to its network, files and processes.',
  },
  docs: {
    summary: 'Windows pods should not run as HostProcess containers.',
    rationale:
      '`windowsOptions.hostProcess: true` runs the container as a process on the Windows node itself, with ' +
      "the node's network, file system and processes, like a privileged Linux container. Node agents may need " +
      'it and can say so with a suppression. Both Pod Security Standards levels forbid it. Checked on the pod ' +
      'and on each container. The fix removes the setting.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  securityContext:\n    windowsOptions:\n      hostProcess: true\n      runAsUserName: NT AUTHORITY\\SYSTEM\n  hostNetwork: true\n  containers:\n  - name: agent\n    image: registry.example.com/agent:1.0.0\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  securityContext:\n    windowsOptions:\n      runAsUserName: ContainerUser\n  containers:\n  - name: agent\n    image: registry.example.com/agent:1.0.0\n',
  },
  check(ctx) {
    for (const w of ctx.model.workloads) {
      const found: [Entry | undefined, string][] = [
        [entryAt(w.podSpec, 'securityContext', 'windowsOptions', 'hostProcess'), workloadLabel(w)],
        ...w.containers.map(
          (c) =>
            [entryAt(c.node, 'securityContext', 'windowsOptions', 'hostProcess'), containerLabel(c)] as [
              Entry | undefined,
              string,
            ],
        ),
      ];
      for (const [e, what] of found) {
        if (!e || bool(e.value) !== true) continue;
        ctx.report({
          at: rangeOf(ctx.doc, e),
          messageId: 'hostProcess',
          data: { what },
          fix: stable(w.manifest.document, () => {
            const edit = deletePair(ctx.doc, e.pair);
            return edit ? { title: 'Remove hostProcess (changes behaviour)', edits: [edit] } : undefined;
          }),
        });
      }
    }
  },
});
