import { defineRule } from '../../core/rule';
import {
  get,
  isWorkload,
  items,
  keyRange,
  lookup,
  mapAt,
  selectorOf,
  selects,
  selectorText,
  selectsSome,
  workspaceView,
  worthReporting,
  type Entry,
  type KubernetesModel,
} from '../../languages/kubernetes';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/networkpolicy-selector',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: ['kube-linter:dangling-networkpolicy', 'kube-linter:dangling-networkpolicypeer-podselector'],
  fix: null,
  messages: {
    dangling:
      'NetworkPolicy {policy} applies to pods labelled {selector}, and no workload in its namespace labels its pods so: it isolates nothing.',
    peer: 'NetworkPolicy {policy} {direction} pods labelled {selector}, and no workload in its namespace labels its pods so: this rule matches no pod.',
  },
  docs: {
    summary: "A NetworkPolicy's pod selectors should match the pods of a workload.",
    rationale:
      'A NetworkPolicy applies to the pods its `podSelector` matches, and its rules allow traffic from or to the ' +
      "pods their peers' `podSelector` match. A typo in either applies cleanly: the pods meant to be isolated " +
      'stay open, or the traffic meant to be allowed is dropped. Workloads are looked up in the file and in the ' +
      'workspace files of the same application (the same folder, or one inside the other), only when some workload ' +
      "of the policy's namespace is known there. Empty selectors (every pod) and peers with a `namespaceSelector` " +
      '(pods of other namespaces) are left alone.',
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n      - name: api\n        image: registry.example.com/api:1.4.2\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: api\nspec:\n  podSelector:\n    matchLabels:\n      app: apii\n  ingress:\n  - ports:\n    - port: 8080\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n      - name: api\n        image: registry.example.com/api:1.4.2\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: api\nspec:\n  podSelector:\n    matchLabels:\n      app: api\n  ingress:\n  - ports:\n    - port: 8080\n',
  },
  check(ctx) {
    const view = workspaceView(ctx.model, ctx.host);
    for (const np of ctx.model.networkPolicies) {
      if (np.partial) continue;
      const { found, known, everywhere } = lookup(view, np.namespace, (o) => isWorkload(o) && !o.partial);
      if (!known) continue;
      const matchesNone = (entry: Entry | undefined): string | undefined => {
        const sel = selectorOf(entry?.value);
        if (!sel || !selectsSome(sel)) return undefined;
        if (everywhere.some((w) => selects(sel, w.podLabels ?? {}))) return undefined;
        return worthReporting(view, sel, found, (w) => w.podLabels) ? selectorText(sel) : undefined;
      };
      const spec = mapAt(np.root, 'spec');
      const own = get(spec, 'podSelector');
      const text = matchesNone(own);
      if (own && text)
        ctx.report({
          at: keyRange(ctx.doc, own),
          messageId: 'dangling',
          data: { policy: np.name ?? '', selector: text },
          aliases: ['kube-linter:dangling-networkpolicy'],
        });
      for (const [section, field, direction] of [
        ['ingress', 'from', 'allows traffic from'],
        ['egress', 'to', 'allows traffic to'],
      ] as const)
        for (const rule of items(get(spec, section)?.value))
          for (const peer of items(get(rule, field)?.value)) {
            if (get(peer, 'namespaceSelector')) continue;
            const sel = get(peer, 'podSelector');
            const peerText = matchesNone(sel);
            if (!sel || !peerText) continue;
            ctx.report({
              at: keyRange(ctx.doc, sel),
              messageId: 'peer',
              data: { policy: np.name ?? '', direction, selector: peerText },
              aliases: ['kube-linter:dangling-networkpolicypeer-podselector'],
            });
          }
    }
  },
});
