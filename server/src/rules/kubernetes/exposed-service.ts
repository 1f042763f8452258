import { defineRule } from '../../core/rule';
import { get, mapAt, rangeOf, str, type KubernetesModel } from '../../languages/kubernetes';

const EXPOSED = new Set(['nodeport', 'loadbalancer']);

export default defineRule<KubernetesModel>({
  id: 'kubernetes/exposed-service',
  language: 'kubernetes',
  severity: 'info',
  recommended: false,
  defaultOff: true,
  aliases: ['kube-linter:exposed-services'],
  fix: null,
  messages: {
    exposed:
      'Service {name} is of type {type}: it is reachable from outside the cluster ({where}), not only through an Ingress or gateway.',
  },
  docs: {
    summary: 'Services should not be NodePort or LoadBalancer where the platform forbids them (opt-in).',
    rationale:
      'A NodePort Service opens its port on every node, and a LoadBalancer Service asks the cloud for an ' +
      'outside address: both bypass the Ingress or gateway where a platform team puts TLS, authentication and ' +
      'rate limits. Many clusters expose Services this way on purpose, so the rule is off by default; turn it on ' +
      'where every entry point must go through the gateway. ClusterIP, headless and ExternalName Services are ' +
      'never reported.',
    bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  type: LoadBalancer\n  selector:\n    app: api\n  ports:\n  - port: 80\n    targetPort: 8080\n',
    good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector:\n    app: api\n  ports:\n  - port: 80\n    targetPort: 8080\n',
  },
  check(ctx) {
    for (const s of ctx.model.services) {
      const type = get(mapAt(s.root, 'spec'), 'type');
      const value = str(type?.value);
      if (!type || value === undefined || !EXPOSED.has(value.toLowerCase())) continue;
      ctx.report({
        at: rangeOf(ctx.doc, type),
        messageId: 'exposed',
        data: {
          name: s.name ?? '',
          type: value,
          where: value.toLowerCase() === 'nodeport' ? 'a port on every node' : 'an outside load balancer',
        },
      });
    }
  },
});
