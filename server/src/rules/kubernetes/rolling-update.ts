import { defineRule } from '../../core/rule';
import {
  entryAt,
  get,
  mapAt,
  rangeOf,
  str,
  workloadLabel,
  type KubernetesModel,
} from '../../languages/kubernetes';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/rolling-update',
  language: 'kubernetes',
  severity: 'info',
  recommended: true,
  aliases: ['kube-linter:no-rolling-update-strategy'],
  fix: null,
  messages: {
    recreate:
      '{workload} updates with the {type} strategy: every pod stops before the new ones start, so each rollout is an outage.',
    onDelete:
      '{workload} updates with OnDelete: a new version reaches the pods only when someone deletes them.',
    all: '{workload} may take down {value} of its pods at once during a rollout (maxUnavailable): that is an outage.',
  },
  docs: {
    summary: 'Deployments, DaemonSets and StatefulSets should roll out gradually.',
    rationale:
      '`Recreate` stops all old pods before starting new ones, and `maxUnavailable: 100%` does the same under a ' +
      'rolling name; both are outages on every change (a single-writer app that cannot run two versions at once ' +
      'is the exception, and can say so with a suppression). `OnDelete` on a DaemonSet or StatefulSet leaves ' +
      'pods on the old version until deleted by hand. The default (RollingUpdate) is quiet.',
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  strategy:\n    type: Recreate\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: 0\n      maxSurge: 1\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n',
  },
  check(ctx) {
    for (const w of ctx.model.workloads) {
      const field =
        w.kind === 'Deployment'
          ? 'strategy'
          : w.kind === 'DaemonSet' || w.kind === 'StatefulSet'
            ? 'updateStrategy'
            : undefined;
      if (!field) continue;
      const typeEntry = entryAt(w.spec, field, 'type');
      const type = str(typeEntry?.value);
      const data = { workload: workloadLabel(w), type: type ?? '', value: '' };
      if (typeEntry && (type === 'Recreate' || type === 'OnDelete')) {
        ctx.report({
          at: rangeOf(ctx.doc, typeEntry),
          messageId: type === 'Recreate' ? 'recreate' : 'onDelete',
          data,
        });
        continue;
      }
      const max = get(mapAt(w.spec, field, 'rollingUpdate'), 'maxUnavailable');
      if (max && str(max.value) === '100%')
        ctx.report({
          at: rangeOf(ctx.doc, max),
          messageId: 'all',
          severity: 'warning',
          aliases: [],
          data: { ...data, value: '100%' },
        });
    }
  },
});
