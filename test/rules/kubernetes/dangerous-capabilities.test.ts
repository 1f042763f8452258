import rule from '../../../server/src/rules/kubernetes/dangerous-capabilities';
import { podWith } from '../../helpers/kubernetes-fixtures';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const caps = (add: string): string =>
  podWith(`    securityContext:\n      capabilities:\n        drop: [ALL]\n        add:\n${add}`);

testKubernetesRule(rule, {
  valid: [caps('        - NET_BIND_SERVICE\n        - CAP_CHOWN\n'), podWith('')],
  invalid: [
    {
      name: 'SYS_ADMIN, net_raw in lower case and an unknown one; the baseline one stays',
      code: caps(
        '        - SYS_ADMIN\n        - NET_BIND_SERVICE\n        - net_raw\n        - CAP_SYS_TIME\n',
      ),
      ranges: ['12:10-12:19', '14:10-14:17', '15:10-15:22'],
      messageIds: ['known', 'known', 'other'],
      output: caps('        - NET_BIND_SERVICE\n'),
    },
    {
      name: 'in flow style: reported, no fix',
      code: podWith('    securityContext:\n      capabilities:\n        add: [ALL]\n'),
      ranges: ['10:14-10:17'],
      output: null,
    },
  ],
});
