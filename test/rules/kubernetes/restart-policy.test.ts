import rule from '../../../server/src/rules/kubernetes/restart-policy';
import { deployment, podWith, webContainer } from '../../helpers/kubernetes-fixtures';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const JOB = (policy: string) =>
  `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n${policy}      containers:\n      - name: migrate\n        image: registry.example.com/app:1.0.0\n`;

testKubernetesRule(rule, {
  valid: [
    { name: 'a Job with OnFailure', code: JOB('      restartPolicy: OnFailure\n') },
    { name: 'a Pod with the default, Always', code: podWith('') },
    { name: 'a Pod with OnFailure', code: podWith('', '  restartPolicy: OnFailure\n') },
    {
      name: 'a Job without a policy is the schema rule’s error',
      code: JOB(''),
    },
    {
      name: 'a Deployment with Never is the schema rule’s error',
      code: deployment('      restartPolicy: Never\n' + webContainer()),
    },
  ],
  invalid: [
    {
      name: 'a Job with Never',
      code: JOB('      restartPolicy: Never\n                     ~~~~~\n'),
      messageIds: ['job'],
      output: JOB('      restartPolicy: OnFailure\n'),
    },
    {
      name: 'a Pod with Never, CRLF and a comment kept',
      code: podWith('', '  restartPolicy: Never # one shot\n').replace(/\n/g, '\r\n'),
      ranges: ['5:17-5:22'],
      messageIds: ['pod'],
      output: podWith('', '  restartPolicy: OnFailure # one shot\n').replace(/\n/g, '\r\n'),
    },
    {
      name: 'a CronJob with Never, quoted',
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: "Never"\n                         ~~~~~~~\n          containers:\n          - name: report\n            image: registry.example.com/report:2.3.0\n',
      messageIds: ['job'],
      output:
        'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - name: report\n            image: registry.example.com/report:2.3.0\n',
    },
  ],
});
