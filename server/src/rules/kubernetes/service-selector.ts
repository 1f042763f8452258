import { defineRule } from '../../core/rule';
import type { TextDoc, TextEdit } from '../../core/text';
import { styleOf, yamlLines } from '../../fixes/kubernetes';
import { contentEnd } from '../../languages/yaml/model';
import {
  entries,
  get,
  keyRange,
  mapAt,
  mapSelectorMatches,
  stable,
  str,
  stringMap,
  workloadLabel,
  type KubernetesModel,
  type Workload,
  type YAMLMap,
} from '../../languages/kubernetes';

/**
 * Rewrites a block selector to the labels the target workload selects its own pods by (its
 * `matchLabels`, else its pod labels), in place of the old entries. When the workload's own selector does
 * not match its pod template (kubernetes/selector-mismatch), its pod labels are used: the Service selects
 * pods, and a selector copied from the workload would still select none.
 */
function selectorEdit(doc: TextDoc, sel: YAMLMap | null, w: Workload): TextEdit | undefined {
  const first = entries(sel)[0];
  if (!sel || sel.flow || !first?.keyNode.range) return undefined;
  const own = stringMap(get(get(w.spec, 'selector')?.value, 'matchLabels')?.value);
  const wanted = own.size > 0 && mapSelectorMatches(own, w.podLabels) ? own : w.podLabels;
  if (wanted.size === 0) return undefined;
  const column = doc.positionAt(first.keyNode.range[0]).character;
  const lines = yamlLines(Object.fromEntries(wanted), styleOf(doc));
  return {
    range: doc.rangeOf(first.keyNode.range[0], contentEnd(sel)),
    newText: lines.join(doc.eol + ' '.repeat(column)),
  };
}

export default defineRule<KubernetesModel>({
  id: 'kubernetes/service-selector',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: ['kube-linter:dangling-service'],
  fix: 'unsafe',
  messages: {
    dangling:
      'Service {service} selects {selector}, which no workload of this file labels its pods with: it has no endpoints and every request fails.',
  },
  docs: {
    summary: "A Service's selector should match the pods of a workload in the same file.",
    rationale:
      'A Service routes to the pods whose labels match its selector; with a typo (`app: publishing-apii`) it has no ' +
      'endpoints and connections are refused, while everything applies cleanly. Only files that hold workloads ' +
      "in the Service's namespace are checked, since a Service alone in its file may select pods defined " +
      'elsewhere; Services without a selector (external endpoints) and ExternalName Services are left alone. The ' +
      'fix makes the selector select the workload of the same name as the Service, or the only workload of the ' +
      "namespace, using that workload's selector labels.",
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: wbe\n  ports:\n  - port: 80\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n',
  },
  check(ctx) {
    const doc = ctx.doc;
    // Workloads by namespace, read once: files of hundreds of documents pair every Service with them.
    const byNamespace = new Map<string, Workload[]>();
    for (const w of ctx.model.workloads) {
      // The labels of a kustomize patch's pods are mostly in the object it patches: they prove nothing.
      if (w.manifest.partial) continue;
      const ns = w.manifest.namespace ?? '';
      const list = byNamespace.get(ns);
      if (list) list.push(w);
      else byNamespace.set(ns, [w]);
    }
    for (const s of ctx.model.services) {
      if (s.partial) continue;
      const spec = mapAt(s.root, 'spec');
      if (str(get(spec, 'type')?.value) === 'ExternalName') continue;
      const selectorEntry = get(spec, 'selector');
      const selector = stringMap(selectorEntry?.value);
      if (!selectorEntry || selector.size === 0) continue;
      const workloads = byNamespace.get(s.namespace ?? '') ?? [];
      if (workloads.length === 0) continue;
      if (workloads.some((w) => mapSelectorMatches(selector, w.podLabels))) continue;
      const target =
        workloads.find((w) => w.manifest.name !== undefined && w.manifest.name === s.name) ??
        (workloads.length === 1 ? workloads[0] : undefined);
      ctx.report({
        at: keyRange(doc, selectorEntry),
        messageId: 'dangling',
        data: { service: s.name ?? '', selector: [...selector].map(([k, v]) => `${k}: ${v}`).join(', ') },
        fix:
          target && mapAt(spec, 'selector') && !mapAt(spec, 'selector')?.flow
            ? stable(s.document, () => {
                const edit = selectorEdit(doc, mapAt(spec, 'selector'), target);
                return edit
                  ? {
                      title: `Select the pods of ${workloadLabel(target)} (changes behaviour)`,
                      edits: [edit],
                    }
                  : undefined;
              })
            : undefined,
      });
    }
  },
});
