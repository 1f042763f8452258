import { defineRule } from '../../core/rule';
import {
  get,
  keyRange,
  lookup,
  mapAt,
  selectorOf,
  selects,
  selectorText,
  selectsSome,
  workspaceView,
  worthReporting,
  type KubernetesModel,
} from '../../languages/kubernetes';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/servicemonitor-selector',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: ['kube-linter:dangling-servicemonitor'],
  fix: null,
  messages: {
    dangling:
      'ServiceMonitor {monitor} selects Services labelled {selector}, and no Service in its namespace has those labels: nothing is scraped.',
  },
  docs: {
    summary: "A Prometheus Operator ServiceMonitor's selector should match the labels of a Service.",
    rationale:
      'A ServiceMonitor tells the Prometheus Operator to scrape the endpoints of the Services whose own labels ' +
      '(`metadata.labels`, not their selector) match `spec.selector`. When none does, the targets silently ' +
      'disappear from Prometheus and the alerts built on them never fire. Services are looked up in the file ' +
      'and in the workspace files of the same application (the same folder, or one inside the other), only ' +
      "when some Service of the monitor's namespace is known there. Monitors with a `namespaceSelector` (Services " +
      'of other namespaces) and empty selectors are left alone.',
    bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  labels:\n    app: api\nspec:\n  selector:\n    app: api\n  ports:\n  - name: metrics\n    port: 9090\n---\napiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels:\n      app: api-metrics\n  endpoints:\n  - port: metrics\n',
    good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  labels:\n    app: api\nspec:\n  selector:\n    app: api\n  ports:\n  - name: metrics\n    port: 9090\n---\napiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels:\n      app: api\n  endpoints:\n  - port: metrics\n',
  },
  check(ctx) {
    const view = workspaceView(ctx.model, ctx.host);
    for (const m of ctx.model.manifests) {
      if (m.kind !== 'ServiceMonitor' || m.group !== 'monitoring.coreos.com' || m.partial) continue;
      const spec = mapAt(m.root, 'spec');
      if (get(spec, 'namespaceSelector')) continue;
      const entry = get(spec, 'selector');
      const selector = selectorOf(entry?.value);
      if (!entry || !selector || !selectsSome(selector)) continue;
      const { found, known, everywhere } = lookup(
        view,
        m.namespace,
        (o) => o.kind === 'Service' && o.group === '' && !o.partial,
      );
      if (!known || everywhere.some((s) => selects(selector, s.labels))) continue;
      if (!worthReporting(view, selector, found, (s) => s.labels)) continue;
      ctx.report({
        at: keyRange(ctx.doc, entry),
        messageId: 'dangling',
        data: { monitor: m.name ?? '', selector: selectorText(selector) },
      });
    }
  },
});
