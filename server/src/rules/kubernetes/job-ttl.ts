import { defineRule } from '../../core/rule';
import { addToMap } from '../../fixes/kubernetes';
import { get, manifestRange, stable, workloadLabel, type KubernetesModel } from '../../languages/kubernetes';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/job-ttl',
  language: 'kubernetes',
  severity: 'info',
  recommended: true,
  aliases: ['kube-linter:job-ttl-seconds-after-finished'],
  fix: 'unsafe',
  messages: {
    ttl: '{workload} sets no ttlSecondsAfterFinished: the finished Job and its pods stay in the cluster until someone deletes them.',
  },
  docs: {
    summary: 'Standalone Jobs should set ttlSecondsAfterFinished so that finished Jobs are cleaned up.',
    rationale:
      'A finished Job keeps its pods (and their logs) in etcd and in `kubectl get pods` forever; the TTL ' +
      'controller deletes them `ttlSecondsAfterFinished` after completion. CronJobs are left alone: their ' +
      '`successfulJobsHistoryLimit` and `failedJobsHistoryLimit` clean up already. The fix keeps finished Jobs ' +
      'for a day (86400 s), after which their logs are gone: unsafe.',
    bad: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: migrate\n        image: registry.example.com/app:1.0.0\n',
    good: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  ttlSecondsAfterFinished: 86400\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: migrate\n        image: registry.example.com/app:1.0.0\n',
  },
  check(ctx) {
    for (const w of ctx.model.workloads) {
      const spec = w.spec;
      if (w.kind !== 'Job' || !spec || w.manifest.partial || get(spec, 'ttlSecondsAfterFinished')) continue;
      ctx.report({
        at: manifestRange(ctx.doc, w.manifest),
        messageId: 'ttl',
        data: { workload: workloadLabel(w) },
        fix: stable(w.manifest.document, () => {
          const edit = addToMap(ctx.doc, spec, ['ttlSecondsAfterFinished: 86400']);
          return edit
            ? { title: 'Delete the Job a day after it finishes (changes behaviour)', edits: [edit] }
            : undefined;
        }),
      });
    }
  },
});
