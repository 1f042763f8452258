import { defineRule } from '../../core/rule';
import {
  entryAt,
  get,
  items,
  keyRange,
  manifestRange,
  str,
  workloadLabel,
  type KubernetesModel,
} from '../../languages/kubernetes';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/dnsconfig-options',
  language: 'kubernetes',
  severity: 'info',
  recommended: false,
  defaultOff: true,
  aliases: ['kube-linter:dnsconfig-options'],
  fix: null,
  messages: {
    unset:
      '{workload} sets no dnsConfig ndots option: with the default of 5, every lookup of an outside name first tries each search domain of the cluster.',
  },
  docs: {
    summary: 'Workloads should set the `ndots` DNS option (opt-in).',
    rationale:
      'A pod resolves a name with fewer than `ndots` dots (5 by default) through every search domain first ' +
      '(`api.example.com.default.svc.cluster.local`, …), so each call to an outside host costs several failed ' +
      'lookups against cluster DNS. Setting `dnsConfig.options` `ndots` (kube-linter asks for "2") cuts that. ' +
      'Whether it matters depends on the traffic and the DNS setup, so the rule is off by default. Any `ndots` ' +
      'value counts as a choice (kube-linter wants exactly its configured value). Kustomize patches are left ' +
      'alone. No fix: the right value depends on the names the application resolves.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  dnsConfig:\n    options:\n    - name: ndots\n      value: "2"\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n',
  },
  check(ctx) {
    for (const w of ctx.model.workloads) {
      if (w.manifest.partial || !w.podSpec) continue;
      const options = entryAt(w.podSpec, 'dnsConfig', 'options');
      if (items(options?.value).some((o) => str(get(o, 'name')?.value) === 'ndots')) continue;
      const dns = get(w.podSpec, 'dnsConfig');
      ctx.report({
        at: dns ? keyRange(ctx.doc, dns) : manifestRange(ctx.doc, w.manifest),
        messageId: 'unset',
        data: { workload: workloadLabel(w) },
      });
    }
  },
});
