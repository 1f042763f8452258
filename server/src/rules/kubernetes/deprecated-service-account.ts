import { defineRule } from '../../core/rule';
import { deletePair } from '../../fixes/yaml';
import { get, keyRange, stable, str, workloadLabel, type KubernetesModel } from '../../languages/kubernetes';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/deprecated-service-account',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: ['kube-linter:deprecated-service-account-field'],
  fix: 'safe',
  messages: {
    deprecated: '{workload} uses the deprecated serviceAccount field: write serviceAccountName.',
    conflict:
      '{workload} sets serviceAccount "{old}" and serviceAccountName "{name}": the pod runs as "{name}", and the deprecated field misleads readers.',
  },
  docs: {
    summary: 'Use serviceAccountName, not the deprecated serviceAccount field.',
    rationale:
      '`serviceAccount` is the pre-1.0 spelling of `serviceAccountName`, kept as a deprecated alias: the API ' +
      'server copies it into `serviceAccountName` when that is empty and otherwise ignores it. The fix renames ' +
      "the field, or removes it when both are set to the same account; both keep the pod's account. When they " +
      'differ the pod runs as `serviceAccountName`, and no fix is offered: which one was meant is for the author.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  serviceAccount: api\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  serviceAccountName: api\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n',
  },
  check(ctx) {
    for (const w of ctx.model.workloads) {
      const old = get(w.podSpec, 'serviceAccount');
      if (!old) continue;
      const current = get(w.podSpec, 'serviceAccountName');
      const oldName = str(old.value) ?? '';
      const name = str(current?.value);
      const differs = current !== undefined && name !== oldName;
      ctx.report({
        at: keyRange(ctx.doc, old),
        messageId: differs ? 'conflict' : 'deprecated',
        data: { workload: workloadLabel(w), old: oldName, name: name ?? '' },
        fix: differs
          ? undefined
          : stable(w.manifest.document, () => {
              if (current) {
                const edit = deletePair(ctx.doc, old.pair);
                return edit
                  ? { title: 'Remove serviceAccount (serviceAccountName says the same)', edits: [edit] }
                  : undefined;
              }
              return {
                title: 'Rename serviceAccount to serviceAccountName',
                edits: [{ range: keyRange(ctx.doc, old), newText: 'serviceAccountName' }],
              };
            }),
      });
    }
  },
});
