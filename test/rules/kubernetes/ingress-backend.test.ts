import rule from '../../../server/src/rules/kubernetes/ingress-backend';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const SERVICE =
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - name: http\n    port: 80\n    targetPort: 8080\n';

const INGRESS = (service: string, port: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n  - host: www.example.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: ${service}\n            port:\n              ${port}\n`;

testKubernetesRule(rule, {
  valid: [
    { name: 'port by number', code: SERVICE + '---\n' + INGRESS('web', 'number: 80') },
    { name: 'port by name', code: INGRESS('web', 'name: http'), workspace: { 'app/svc.yaml': SERVICE } },
    { name: 'no Service known', code: INGRESS('api', 'number: 80') },
    {
      name: 'extensions/v1beta1 form',
      code:
        SERVICE +
        '---\napiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  backend:\n    serviceName: web\n    servicePort: 80\n',
    },
    {
      name: 'index still being built',
      code: INGRESS('api', 'number: 80'),
      workspace: { 'app/svc.yaml': SERVICE },
      incomplete: true,
    },
  ],
  invalid: [
    {
      name: 'a Service one typo away, in another file',
      code: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  defaultBackend:
    service:
      name: wbe
            ~~~
      port:
        number: 80`,
      workspace: { 'app/svc.yaml': SERVICE },
      messageIds: ['service'],
      output:
        'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  defaultBackend:\n    service:\n      name: web\n      port:\n        number: 80',
    },
    {
      name: "the pods' targetPort is not a port of the Service",
      code: SERVICE + '---\n' + INGRESS('web', 'number: 8080\n                      ~~~~'),
      messageIds: ['port'],
    },
    {
      name: 'a port name the Service does not have (v1beta1)',
      code:
        SERVICE +
        '---\napiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  backend:\n    serviceName: web\n    servicePort: https\n                 ~~~~~\n',
      messageIds: ['port'],
    },
  ],
});
