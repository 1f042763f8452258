import rule from '../../../server/src/rules/kubernetes/job-ttl';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const job = (spec: string): string =>
  `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n${spec}  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: migrate\n        image: registry.example.com/app:1.0.0\n`;

testKubernetesRule(rule, {
  valid: [
    job('  ttlSecondsAfterFinished: 600\n'),
    {
      name: 'a CronJob cleans up through its history limits',
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - name: report\n            image: registry.example.com/report:1.0.0\n',
    },
  ],
  invalid: [
    {
      name: 'a day is added (CRLF)',
      code: job('  backoffLimit: 2\n').replace(/\n/g, '\r\n'),
      ranges: ['3:8-3:15'],
      output: job('  backoffLimit: 2\n')
        .replace(
          'image: registry.example.com/app:1.0.0\n',
          'image: registry.example.com/app:1.0.0\n  ttlSecondsAfterFinished: 86400\n',
        )
        .replace(/\n/g, '\r\n'),
    },
  ],
});
