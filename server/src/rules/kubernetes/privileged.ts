import { defineRule } from '../../core/rule';
import { deletePair } from '../../fixes/yaml';
import {
  bool,
  containerLabel,
  get,
  mapAt,
  rangeOf,
  stable,
  type KubernetesModel,
} from '../../languages/kubernetes';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/privileged',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: [
    'kube-linter:privileged-container',
    'polaris:runAsPrivileged',
    'checkov:CKV_K8S_16',
    'trivy:KSV017',
  ],
  fix: 'unsafe',
  messages: {
    privileged:
      "{container} runs privileged: it has every capability and the host's devices, so a compromise of the container is a compromise of the node.",
  },
  docs: {
    summary: 'Containers should not run privileged.',
    rationale:
      "A privileged container can load kernel modules, mount the host's disks and reach every device; escaping it " +
      'takes one command. Node agents that truly need it (CNI plugins, storage drivers) are the exception and can ' +
      'say so with a suppression. The fix removes `privileged: true`, which changes what the container may do.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: tool\nspec:\n  containers:\n  - name: tool\n    image: registry.example.com/tool:2.0.1\n    securityContext:\n      privileged: true\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: tool\nspec:\n  containers:\n  - name: tool\n    image: registry.example.com/tool:2.0.1\n    securityContext:\n      privileged: false\n',
  },
  check(ctx) {
    for (const w of ctx.model.workloads)
      for (const c of w.containers) {
        const e = get(mapAt(c.node, 'securityContext'), 'privileged');
        if (!e || bool(e.value) !== true) continue;
        ctx.report({
          at: rangeOf(ctx.doc, e),
          messageId: 'privileged',
          data: { container: containerLabel(c) },
          fix: stable(w.manifest.document, () => {
            const edit = deletePair(ctx.doc, e.pair);
            return edit ? { title: 'Remove privileged: true (changes behaviour)', edits: [edit] } : undefined;
          }),
        });
      }
  },
});
