import { defineRule } from '../../core/rule';
import { setScalar } from '../../fixes/kubernetes';
import { get, rangeOf, stable, str, workloadLabel, type KubernetesModel } from '../../languages/kubernetes';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/restart-policy',
  language: 'kubernetes',
  severity: 'info',
  recommended: false,
  defaultOff: true,
  aliases: ['kube-linter:restart-policy'],
  fix: 'unsafe',
  messages: {
    pod: 'Pod {name} has restartPolicy Never: a container that fails stays down, nothing restarts it.',
    job: '{workload} has restartPolicy Never: each failure leaves a failed pod and schedules a new one instead of restarting the container in place.',
  },
  docs: {
    summary: 'Pods and Jobs should restart failed containers (restartPolicy OnFailure or Always) (opt-in).',
    rationale:
      'With `restartPolicy: Never` a bare Pod whose container fails stays failed, and a Job retries by ' +
      'creating new pods (each scheduled, pulled and started again, the failed ones left behind) instead of ' +
      'restarting the container where it is. Never is also a deliberate choice (a Job whose failed pods must be ' +
      'kept for their logs, a run-once Pod), so the rule is off by default. Values the API server rejects (Always ' +
      'on a Job, or no policy at all there; Never or OnFailure on a Deployment, StatefulSet, DaemonSet or ' +
      'ReplicaSet) are errors of kubernetes/schema; an unset policy elsewhere is Always and not reported ' +
      '(kube-linter reports it). The fix sets OnFailure, which changes how failures are retried.',
    bad: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: migrate\n        image: registry.example.com/app:1.0.0\n',
    good: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n      restartPolicy: OnFailure\n      containers:\n      - name: migrate\n        image: registry.example.com/app:1.0.0\n',
  },
  check(ctx) {
    for (const w of ctx.model.workloads) {
      if (w.kind !== 'Pod' && !w.batch) continue;
      const policy = get(w.podSpec, 'restartPolicy');
      const node = policy?.value;
      if (!policy || !node || str(node) !== 'Never') continue;
      ctx.report({
        at: rangeOf(ctx.doc, policy),
        messageId: w.kind === 'Pod' ? 'pod' : 'job',
        data: { name: w.manifest.name ?? '', workload: workloadLabel(w) },
        fix: stable(w.manifest.document, () => {
          const edit = setScalar(ctx.doc, node, 'OnFailure');
          return edit
            ? { title: 'Set restartPolicy: OnFailure (changes behaviour)', edits: [edit] }
            : undefined;
        }),
      });
    }
  },
});
