import rule from '../../../server/src/rules/kubernetes/seccomp';
import { deployment, podWith, webContainer } from '../../helpers/kubernetes-fixtures';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const RUNTIME_DEFAULT = '  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n';

testKubernetesRule(rule, {
  valid: [
    podWith('', RUNTIME_DEFAULT),
    {
      name: 'every container has a profile (Localhost counts)',
      code: podWith(
        '    securityContext:\n      seccompProfile:\n        type: Localhost\n        localhostProfile: profiles/api.json\n',
      ),
    },
    {
      name: 'a kustomize patch',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      $setElementOrder/containers:\n      - name: web\n      containers:\n      - name: web\n        image: nginx:1.27\n',
    },
  ],
  invalid: [
    {
      name: 'no profile: added to the pod securityContext that exists',
      code: podWith('', '  securityContext:\n    runAsNonRoot: true\n'),
      ranges: ['3:8-3:11'],
      messageIds: ['unset'],
      output: podWith(
        '',
        '  securityContext:\n    runAsNonRoot: true\n    seccompProfile:\n      type: RuntimeDefault\n',
      ),
    },
    {
      name: 'no profile in a Deployment: a pod securityContext is added (CRLF)',
      code: deployment(webContainer()).replace(/\n/g, '\r\n'),
      ranges: ['3:8-3:11'],
      output: deployment(
        webContainer() + '      securityContext:\n        seccompProfile:\n          type: RuntimeDefault\n',
      ).replace(/\n/g, '\r\n'),
    },
    {
      name: 'Unconfined on the pod and AppArmor unconfined on the container are replaced',
      code: podWith(
        '    securityContext:\n      appArmorProfile:\n        type: Unconfined\n',
        '  securityContext:\n    seccompProfile:\n      type: Unconfined\n',
      ),
      ranges: ['7:12-7:22', '13:14-13:24'],
      messageIds: ['unconfined', 'apparmor'],
      output: podWith(
        '    securityContext:\n      appArmorProfile:\n        type: RuntimeDefault\n',
        '  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n',
      ),
    },
    {
      name: 'the AppArmor annotation unconfined: reported on the object, without a fix',
      code: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/api: unconfined\nspec:\n${RUNTIME_DEFAULT}  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n`,
      ranges: ['3:8-3:11'],
      messageIds: ['apparmor'],
      output: null,
    },
  ],
});
