import { defineRule } from '../../core/rule';
import type { TextDoc, TextEdit } from '../../core/text';
import { addToEntry, addToMap, setScalar, styleOf, yamlLines } from '../../fixes/kubernetes';
import {
  entries,
  get,
  items,
  keyRange,
  mapAt,
  rangeOf,
  selectorMatches,
  stable,
  str,
  workloadLabel,
  type KubernetesModel,
  type Workload,
} from '../../languages/kubernetes';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/selector-mismatch',
  language: 'kubernetes',
  severity: 'error',
  recommended: true,
  aliases: ['kube-linter:mismatching-selector'],
  fix: 'safe',
  messages: {
    missingLabel:
      '{workload} selects pods labelled {key}: {value}, but its pod template has no {key} label: the API server rejects the selector.',
    otherValue:
      '{workload} selects pods labelled {key}: {value}, but its pod template says {key}: {actual}: the API server rejects the selector.',
    expression:
      "{workload}: this selector expression does not match the pod template's labels: the API server rejects it.",
  },
  docs: {
    summary: "A workload's selector must match the labels of its own pod template.",
    rationale:
      'A Deployment, StatefulSet, DaemonSet, ReplicaSet or Job manages the pods its selector matches, so the API ' +
      'server rejects one whose template would create pods it does not select ("selector does not match template ' +
      'labels"). The selector is immutable after creation, so the fix changes the template\'s labels, not the ' +
      'selector: a missing label is added (safe), a different value is replaced (unsafe: a Service or ' +
      'NetworkPolicy may select the old value). Reported on the selector entry that does not match.',
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: frontend\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n',
  },
  check(ctx) {
    const doc = ctx.doc;
    for (const w of ctx.model.workloads) {
      // A kustomize patch may write the selector and leave the template's labels to the object it patches.
      if (!w.template || w.manifest.partial) continue;
      const selector = get(w.spec, 'selector');
      if (!selector?.value || selectorMatches(selector.value, w.podLabels)) continue;
      const label = workloadLabel(w);
      for (const e of entries(mapAt(selector.value, 'matchLabels'))) {
        const value = str(e.value);
        if (value === undefined) continue;
        const actual = w.podLabels.get(e.key);
        if (actual === value) continue;
        ctx.report({
          at: rangeOf(doc, e),
          messageId: actual === undefined ? 'missingLabel' : 'otherValue',
          data: { workload: label, key: e.key, value, actual: actual ?? '' },
          fix: stable(w.manifest.document, () => {
            const edit = labelEdit(doc, w, e.key, value);
            if (!edit) return undefined;
            return actual === undefined
              ? { title: `Label the pod template ${e.key}: ${value}`, edits: [edit] }
              : {
                  title: `Change the pod template's label ${e.key} to ${value} (changes behaviour)`,
                  kind: 'unsafe' as const,
                  edits: [edit],
                };
          }),
        });
      }
      for (const req of items(get(selector.value, 'matchExpressions')?.value)) {
        if (expressionMatches(req, w.podLabels)) continue;
        const key = entries(req)[0];
        ctx.report({
          at: key ? keyRange(doc, key) : rangeOf(doc, req),
          messageId: 'expression',
          data: { workload: label },
        });
      }
    }
  },
});

/** Sets one label on the pod template, creating `labels` (and `metadata`) when missing. */
function labelEdit(doc: TextDoc, w: Workload, key: string, value: string): TextEdit | undefined {
  const style = styleOf(doc);
  const labels = get(w.podMetadata, 'labels');
  const existing = get(mapAt(labels?.value), key);
  if (existing?.value) return setScalar(doc, existing.value, value);
  if (labels) return addToEntry(doc, labels, yamlLines({ [key]: value }, style));
  if (w.podMetadata) return addToMap(doc, w.podMetadata, yamlLines({ labels: { [key]: value } }, style));
  const metadata = get(w.template, 'metadata');
  if (metadata) return addToEntry(doc, metadata, yamlLines({ labels: { [key]: value } }, style));
  return w.template
    ? addToMap(doc, w.template, yamlLines({ metadata: { labels: { [key]: value } } }, style))
    : undefined;
}

function expressionMatches(req: unknown, labels: Map<string, string>): boolean {
  const key = str(get(req as never, 'key')?.value);
  const op = str(get(req as never, 'operator')?.value);
  if (!key || !op) return true;
  const values = items(get(req as never, 'values')?.value).map((v) => str(v) ?? '');
  const has = labels.has(key);
  const v = labels.get(key) ?? '';
  switch (op) {
    case 'In':
      return has && values.includes(v);
    case 'NotIn':
      return !has || !values.includes(v);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return true;
  }
}
