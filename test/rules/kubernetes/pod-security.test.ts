import rule from '../../../server/src/rules/kubernetes/pod-security';
import { podWith } from '../../helpers/kubernetes-fixtures';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const RESTRICTED = { podSecurity: 'restricted' as const };
const BASELINE = { podSecurity: 'baseline' as const };
const COMPLIANT =
  '    securityContext:\n      allowPrivilegeEscalation: false\n      runAsNonRoot: true\n      capabilities:\n        drop:\n        - ALL\n';
const SECCOMP = '  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n';
const namespaced = (label: string, body: string): string =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/enforce: ${label}\n---\n${body.replace('  name: api\n', '  name: api\n  namespace: shop\n')}`;

testKubernetesRule(rule, {
  valid: [
    { name: 'off by default', code: podWith('', '  hostNetwork: true\n') },
    { name: 'restricted and compliant', config: RESTRICTED, code: podWith(COMPLIANT, SECCOMP) },
    { name: 'baseline allows what restricted asks for', config: BASELINE, code: podWith('') },
    {
      name: "the namespace's label (privileged) wins over the setting",
      config: RESTRICTED,
      code: namespaced('privileged', podWith('')),
    },
    {
      name: 'the label of a Namespace in another file of the workspace wins over the setting too',
      config: RESTRICTED,
      code: podWith('').replace('  name: api\n', '  name: api\n  namespace: shop\n'),
      workspace: {
        'app/namespace.yaml':
          'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/enforce: privileged\n',
      },
    },
  ],
  invalid: [
    {
      name: 'restricted: one fix makes the pod comply',
      config: RESTRICTED,
      code: podWith('', '  hostNetwork: true\n'),
      ranges: ['5:15-5:19', '7:10-7:13', '7:10-7:13', '7:10-7:13', '3:8-3:11'],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    securityContext:\n      runAsNonRoot: true\n      allowPrivilegeEscalation: false\n      capabilities:\n        drop:\n        - ALL\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n',
    },
    {
      name: "the namespace's enforce label applies in the same file (baseline over the setting off)",
      code: namespaced('baseline', podWith('    ports:\n    - containerPort: 80\n      hostPort: 80\n')),
      ranges: ['18:16-18:18'],
      output: namespaced('baseline', podWith('    ports:\n    - containerPort: 80\n')),
    },
    {
      name: 'what no edit can decide is reported without a fix: hostPath, volume types, SELinux, sysctls',
      config: BASELINE,
      code: podWith(
        '    securityContext:\n      seLinuxOptions:\n        type: spc_t\n',
        '  securityContext:\n    sysctls:\n    - name: kernel.msgmax\n      value: "65536"\n  volumes:\n  - name: host\n    hostPath:\n      path: /data\n',
      ),
      ranges: ['11:4-11:12', '7:12-7:25', '18:14-18:19'],
      output: null,
    },
  ],
});
