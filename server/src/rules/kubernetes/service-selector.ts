import type { IndexedObject } from '../../core/kubernetes-index';
import { defineRule } from '../../core/rule';
import type { TextDoc, TextEdit } from '../../core/text';
import { styleOf, yamlLines } from '../../fixes/kubernetes';
import { contentEnd } from '../../languages/yaml/model';
import {
  entries,
  get,
  isWorkload,
  items,
  keyRange,
  lookup,
  mapAt,
  num,
  rangeOf,
  selects,
  stable,
  str,
  stringMap,
  workspaceView,
  worthReporting,
  type KubernetesModel,
  type YAMLMap,
} from '../../languages/kubernetes';

/**
 * Rewrites a block selector to the labels the target workload selects its own pods by (its
 * `matchLabels`, else its pod labels), in place of the old entries. When the workload's own selector does
 * not match its pod template (kubernetes/selector-mismatch), its pod labels are used: the Service selects
 * pods, and a selector copied from the workload would still select none.
 */
function selectorEdit(doc: TextDoc, sel: YAMLMap | null, w: IndexedObject): TextEdit | undefined {
  const first = entries(sel)[0];
  if (!sel || sel.flow || !first?.keyNode.range) return undefined;
  const pods = w.podLabels ?? {};
  const own = w.selector && w.selector.matchExpressions.length === 0 ? w.selector.matchLabels : {};
  const wanted =
    Object.keys(own).length > 0 && selects({ matchLabels: own, matchExpressions: [] }, pods) ? own : pods;
  if (Object.keys(wanted).length === 0) return undefined;
  const column = doc.positionAt(first.keyNode.range[0]).character;
  const lines = yamlLines(wanted, styleOf(doc));
  return {
    range: doc.rangeOf(first.keyNode.range[0], contentEnd(sel)),
    newText: lines.join(doc.eol + ' '.repeat(column)),
  };
}

function label(w: IndexedObject): string {
  return `${w.kind}${w.name ? ` ${w.name}` : ''}`;
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
      'Service {service} selects {selector}, which no workload in its namespace labels its pods with: it has no endpoints and every request fails.',
    targetPort:
      'Service {service} sends port {port} to the pods\' port "{target}", which no container of {workloads} declares: that port gets no endpoints.',
  },
  docs: {
    summary:
      "A Service's selector should match the pods of a workload, and its named target ports should exist.",
    rationale:
      'A Service routes to the pods whose labels match its selector; with a typo (`app: publishing-apii`) it has no ' +
      'endpoints and connections are refused, while everything applies cleanly. Workloads are looked up in the ' +
      "same file and in the workspace's files of the same application (the same folder, or one inside the " +
      'other); the Service is checked only when some workload of its namespace is known, since it may select ' +
      'pods defined elsewhere. Services without a selector (external endpoints) and ExternalName Services are ' +
      'left alone. A named `targetPort` is resolved against the container ports of the selected pods: when none ' +
      'declares it, that port of the Service has no endpoints. The fix makes the selector select the workload of ' +
      "the same name as the Service, or the only workload of the namespace, using that workload's selector labels.",
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: wbe\n  ports:\n  - port: 80\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n',
  },
  check(ctx) {
    const doc = ctx.doc;
    const view = workspaceView(ctx.model, ctx.host);
    for (const s of ctx.model.services) {
      if (s.partial) continue;
      const spec = mapAt(s.root, 'spec');
      if (str(get(spec, 'type')?.value) === 'ExternalName') continue;
      const selectorEntry = get(spec, 'selector');
      const selector = stringMap(selectorEntry?.value);
      if (!selectorEntry || selector.size === 0) continue;
      // The labels of a kustomize patch's pods are mostly in the object it patches: they prove nothing.
      const {
        found: workloads,
        known,
        everywhere,
      } = lookup(view, s.namespace, (o) => isWorkload(o) && !o.partial);
      if (!known) continue;
      const sel = { matchLabels: Object.fromEntries(selector), matchExpressions: [] };
      const matched = everywhere.filter((w) => selects(sel, w.podLabels ?? {}));
      if (matched.length > 0) {
        const declared = matched.flatMap((w) => w.containerPorts ?? []);
        for (const p of items(get(spec, 'ports')?.value)) {
          const target = get(p, 'targetPort');
          const name = str(target?.value);
          if (!target || name === undefined || /^\d+$/.test(name)) continue;
          if (declared.some((d) => d.name === name)) continue;
          ctx.report({
            at: rangeOf(doc, target),
            messageId: 'targetPort',
            data: {
              service: s.name ?? '',
              port: num(get(p, 'port')?.value) ?? str(get(p, 'port')?.value) ?? '?',
              target: name,
              workloads: matched.map(label).join(', '),
            },
          });
        }
        continue;
      }
      if (!worthReporting(view, sel, workloads, (w) => w.podLabels)) continue;
      const target =
        workloads.find((w) => w.name !== undefined && w.name === s.name) ??
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
                  ? { title: `Select the pods of ${label(target)} (changes behaviour)`, edits: [edit] }
                  : undefined;
              })
            : undefined,
      });
    }
  },
});
