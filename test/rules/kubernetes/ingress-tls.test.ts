import rule from '../../../server/src/rules/kubernetes/ingress-tls';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const RULES =
  '  rules:\n  - host: api.newstalk-ai.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: fastapi-backend\n            port:\n              number: 8000\n';

testKubernetesRule(rule, {
  valid: [
    {
      name: 'seed 001: TLS with cert-manager',
      code: `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: newstalk-ai-ingress\n  annotations:\n    cert-manager.io/cluster-issuer: "letsencrypt-prod"\nspec:\n  tls:\n  - hosts:\n    - api.newstalk-ai.com\n    secretName: newstalk-ai-tls\n${RULES}`,
    },
    {
      name: 'TLS terminated on an AWS load balancer',
      code: `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n    alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:123456789012:certificate/abc\nspec:\n${RULES}`,
    },
    {
      name: 'skipped by a Polaris annotation',
      code: `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n    polaris.fairwinds.com/tlsSettingsMissing-exempt: "true"\nspec:\n${RULES}`,
    },
  ],
  invalid: [
    {
      name: 'no tls: it is added for the hosts of the rules',
      code: `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
        ~~~
spec:
  rules:
  - host: api.newstalk-ai.com # public
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: fastapi-backend
            port:
              number: 8000`,
      output:
        'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n  - host: api.newstalk-ai.com # public\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: fastapi-backend\n            port:\n              number: 8000\n  tls:\n  - hosts:\n    - api.newstalk-ai.com\n    secretName: web-tls',
    },
    {
      name: 'no host: reported without a fix (CRLF)',
      code: 'apiVersion: networking.k8s.io/v1\r\nkind: Ingress\r\nmetadata:\r\n  name: web\r\nspec:\r\n  defaultBackend:\r\n    service:\r\n      name: web\r\n      port:\r\n        number: 80\r\n',
      ranges: ['3:8-3:11'],
      output: null,
    },
  ],
});
