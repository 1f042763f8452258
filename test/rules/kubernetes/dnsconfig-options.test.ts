import rule from '../../../server/src/rules/kubernetes/dnsconfig-options';
import { deployment, podWith, webContainer } from '../../helpers/kubernetes-fixtures';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const NDOTS = '  dnsConfig:\n    options:\n    - name: ndots\n      value: "2"\n';

testKubernetesRule(rule, {
  valid: [
    { name: 'ndots 2, as kube-linter asks', code: podWith('', NDOTS) },
    { name: 'any ndots value is a choice', code: podWith('', NDOTS.replace('"2"', '"1"')) },
    {
      name: 'a Deployment with ndots',
      code: deployment(
        '      dnsConfig:\n        options:\n        - name: ndots\n          value: "3"\n' + webContainer(),
      ),
    },
    {
      name: 'a kustomize patch',
      code: '$patch: merge\n' + podWith(''),
    },
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  ports:\n  - port: 80\n',
  ],
  invalid: [
    { name: 'no dnsConfig: on the name', code: podWith(''), ranges: ['3:8-3:11'], output: null },
    {
      name: 'dnsConfig without ndots: on dnsConfig',
      code: podWith('', '  dnsConfig:\n  ~~~~~~~~~\n    options:\n    - name: edns0\n'),
      messageIds: ['unset'],
      output: null,
    },
    {
      name: 'a CronJob, CRLF',
      code: 'apiVersion: batch/v1\r\nkind: CronJob\r\nmetadata:\r\n  name: report\r\nspec:\r\n  schedule: "0 3 * * *"\r\n  jobTemplate:\r\n    spec:\r\n      template:\r\n        spec:\r\n          restartPolicy: OnFailure\r\n          containers:\r\n          - name: report\r\n            image: registry.example.com/report:2.3.0\r\n',
      ranges: ['3:8-3:14'],
      output: null,
    },
  ],
});
