import { defineRule } from '../../core/rule';
import { addToMap } from '../../fixes/kubernetes';
import {
  bool,
  get,
  manifestRange,
  rangeOf,
  sameNamespace,
  stable,
  str,
  workloadLabel,
  type KubernetesModel,
} from '../../languages/kubernetes';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/automount-token',
  language: 'kubernetes',
  severity: 'info',
  recommended: true,
  aliases: ['polaris:automountServiceAccountToken', 'checkov:CKV_K8S_38', 'trivy:KSV036'],
  fix: 'unsafe',
  messages: {
    mounted:
      '{workload} mounts its ServiceAccount token: anyone who gets into a container can call the Kubernetes API as {account}. Set automountServiceAccountToken: false unless the app calls the API.',
  },
  docs: {
    summary: 'Pods that do not call the Kubernetes API should not mount a ServiceAccount token.',
    rationale:
      'Every pod gets a token for its ServiceAccount at /var/run/secrets/kubernetes.io/serviceaccount unless ' +
      '`automountServiceAccountToken: false` is set on the pod or on its ServiceAccount. Most applications never ' +
      'use it, and for an attacker inside the container it is the first step to the API server. Quiet when the ' +
      "pod sets it to false, or when the pod leaves it unset and the file's ServiceAccount sets false. Info: " +
      'operators and controllers need their token. The fix sets `automountServiceAccountToken: false` on the ' +
      'pod, which breaks an app that does call the API.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  automountServiceAccountToken: false\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n',
  },
  check(ctx) {
    for (const w of ctx.model.workloads) {
      const m = w.manifest;
      if (m.partial || !w.podSpec) continue;
      const own = get(w.podSpec, 'automountServiceAccountToken');
      const value = bool(own?.value);
      if (value === false) continue;
      const account =
        str(get(w.podSpec, 'serviceAccountName')?.value) ??
        str(get(w.podSpec, 'serviceAccount')?.value) ??
        'default';
      const sa = ctx.model.serviceAccounts.find((s) => s.name === account && sameNamespace(s, m));
      if (value === undefined && sa && bool(get(sa.root, 'automountServiceAccountToken')?.value) === false)
        continue;
      const podSpec = w.podSpec;
      ctx.report({
        at: own ? rangeOf(ctx.doc, own) : manifestRange(ctx.doc, m),
        messageId: 'mounted',
        data: { workload: workloadLabel(w), account: `"${account}"` },
        fix: stable(m.document, () => {
          const edit =
            own?.value && value === true
              ? { range: rangeOf(ctx.doc, own), newText: 'false' }
              : own
                ? undefined
                : addToMap(ctx.doc, podSpec, ['automountServiceAccountToken: false']);
          return edit
            ? { title: 'Do not mount the ServiceAccount token (changes behaviour)', edits: [edit] }
            : undefined;
        }),
      });
    }
  },
});
