import rule from '../../../server/src/rules/kubernetes/unsafe-sysctls';
import { podWith } from '../../helpers/kubernetes-fixtures';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const sysctls = (lines: string): string => podWith('', `  securityContext:\n    sysctls:\n${lines}`);

testKubernetesRule(rule, {
  valid: [
    sysctls(
      '    - name: net.ipv4.ip_local_port_range\n      value: "1024 65535"\n    - name: net/ipv4/tcp_syncookies\n      value: "1"\n',
    ),
  ],
  invalid: [
    {
      name: 'an unsafe sysctl is removed, the safe one kept',
      code: sysctls(
        '    - name: net.core.somaxconn\n      value: "1024"\n    - name: kernel.shm_rmid_forced\n      value: "1"\n    - name: vm.max_map_count\n      value: "262144"\n',
      ),
      ranges: ['7:12-7:30', '11:12-11:28'],
      output: sysctls('    - name: kernel.shm_rmid_forced\n      value: "1"\n'),
    },
  ],
});
