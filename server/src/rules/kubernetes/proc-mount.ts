import { defineRule } from '../../core/rule';
import { deletePair } from '../../fixes/yaml';
import {
  containerLabel,
  entryAt,
  rangeOf,
  stable,
  str,
  type KubernetesModel,
} from '../../languages/kubernetes';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/proc-mount',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: ['kube-linter:unsafe-proc-mount', 'polaris:procMount', 'trivy:KSV027'],
  fix: 'unsafe',
  messages: {
    unmasked:
      "{container} sets procMount: {value}: the node's /proc is not masked, so the container can read and write kernel settings it should not see.",
  },
  docs: {
    summary: 'Containers should keep the default /proc masks (procMount: Default).',
    rationale:
      'The container runtime masks and makes read-only the parts of /proc that expose or change the host kernel ' +
      '(`/proc/kcore`, `/proc/sys`…). `procMount: Unmasked` removes that and is only meant for nested container ' +
      'runtimes in user-namespaced pods. Both Pod Security Standards levels forbid it. The fix removes the field, ' +
      'so the default masks apply.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: builder\nspec:\n  containers:\n  - name: builder\n    image: registry.example.com/builder:1.0.0\n    securityContext:\n      procMount: Unmasked\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: builder\nspec:\n  containers:\n  - name: builder\n    image: registry.example.com/builder:1.0.0\n',
  },
  check(ctx) {
    for (const w of ctx.model.workloads)
      for (const c of w.containers) {
        const e = entryAt(c.node, 'securityContext', 'procMount');
        const value = str(e?.value);
        if (!e || value === undefined || value === 'Default') continue;
        ctx.report({
          at: rangeOf(ctx.doc, e),
          messageId: 'unmasked',
          data: { container: containerLabel(c), value },
          fix: stable(w.manifest.document, () => {
            const edit = deletePair(ctx.doc, e.pair);
            return edit ? { title: 'Remove procMount (changes behaviour)', edits: [edit] } : undefined;
          }),
        });
      }
  },
});
