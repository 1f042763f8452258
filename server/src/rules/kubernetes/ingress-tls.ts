import { defineRule } from '../../core/rule';
import { addToMap, styleOf, yamlLines } from '../../fixes/kubernetes';
import {
  get,
  items,
  manifestRange,
  mapAt,
  stable,
  str,
  type KubernetesModel,
} from '../../languages/kubernetes';

/** Annotations that say TLS is terminated before the Ingress controller (a cloud load balancer). */
const TLS_ELSEWHERE =
  /(^alb\.ingress\.kubernetes\.io\/certificate-arn$)|(ssl-cert$)|(pre-shared-cert)|(^networking\.gke\.io\/managed-certificates$)|(^ingress\.kubernetes\.io\/ssl-cert$)/;

export default defineRule<KubernetesModel>({
  id: 'kubernetes/ingress-tls',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: ['polaris:tlsSettingsMissing'],
  fix: 'unsafe',
  messages: {
    noTls:
      'Ingress {name} serves {hosts} over plain HTTP: add a tls section (for example with cert-manager issuing the certificate).',
  },
  docs: {
    summary: 'Ingresses should terminate TLS.',
    rationale:
      'Without `spec.tls` the Ingress serves its hosts over plain HTTP, so cookies, tokens and form posts cross the ' +
      'network readable. The usual pattern lists the host under `tls` with a `secretName` and lets cert-manager ' +
      '(`cert-manager.io/cluster-issuer`) issue and renew the certificate. Ingresses whose annotations put the ' +
      'certificate on a cloud load balancer (an ALB certificate ARN, a GKE pre-shared or managed certificate) are ' +
      "left alone. The fix adds `tls` for the rules' hosts with the Secret `<ingress>-tls`, which cert-manager or " +
      'you must then provide.',
    bad: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n  - host: app.example.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: web\n            port:\n              number: 80\n',
    good: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n    cert-manager.io/cluster-issuer: letsencrypt-prod\nspec:\n  tls:\n  - hosts:\n    - app.example.com\n    secretName: web-tls\n  rules:\n  - host: app.example.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: web\n            port:\n              number: 80\n',
  },
  check(ctx) {
    for (const m of ctx.model.ingresses) {
      // A kustomize patch holds only what it changes: tls may be in the object it patches.
      if (m.partial) continue;
      const spec = mapAt(m.root, 'spec');
      if (!spec || items(get(spec, 'tls')?.value).length > 0) continue;
      if ([...m.annotations.keys()].some((k) => TLS_ELSEWHERE.test(k))) continue;
      const hosts = items(get(spec, 'rules')?.value)
        .map((r) => str(get(r, 'host')?.value))
        .filter((h): h is string => !!h);
      ctx.report({
        at: manifestRange(ctx.doc, m),
        messageId: 'noTls',
        data: { name: m.name ?? '', hosts: hosts.length ? hosts.join(', ') : 'every host' },
        fix:
          hosts.length === 0 || get(spec, 'tls') || spec.flow
            ? undefined
            : stable(m.document, () => {
                const secretName = `${m.name ?? 'ingress'}-tls`;
                const edit = addToMap(
                  ctx.doc,
                  spec,
                  yamlLines({ tls: [{ hosts, secretName }] }, styleOf(ctx.doc)),
                );
                return edit
                  ? {
                      title: `Add TLS for ${hosts.join(', ')} with Secret ${secretName} (changes behaviour)`,
                      edits: [edit],
                    }
                  : undefined;
              }),
      });
    }
  },
});
