import { defineRule } from '../../core/rule';
import { get, manifestRange, rangeOf, type KubernetesModel, type Manifest } from '../../languages/kubernetes';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/default-namespace',
  language: 'kubernetes',
  severity: 'info',
  recommended: false,
  defaultOff: true,
  aliases: ['kube-linter:use-namespace'],
  fix: null,
  messages: {
    unset:
      '{object} names no namespace: `kubectl apply` puts it in the current context’s, usually `default`.',
    default: '{object} is in the default namespace: give the application a namespace of its own (CIS 5.7.4).',
  },
  docs: {
    summary: 'Workloads and Services should live in a namespace of their own (opt-in).',
    rationale:
      'The CIS Kubernetes Benchmark (5.7.1, 5.7.4) asks for namespaces as administrative boundaries and for ' +
      'nothing to run in `default`, where RBAC, quotas and NetworkPolicies are rarely set up. Many repositories ' +
      'leave the namespace to `kubectl apply -n`, kustomize or Helm on purpose, so the rule is off by default. ' +
      'Workloads and Services without `metadata.namespace` or with `default` are reported, as kube-linter ' +
      'does; kustomize patches are left alone. No fix: the namespace is yours to choose.',
    bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector:\n    app: api\n  ports:\n  - port: 80\n',
    good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  namespace: payments\nspec:\n  selector:\n    app: api\n  ports:\n  - port: 80\n',
  },
  check(ctx) {
    const targets: Manifest[] = [...ctx.model.workloads.map((w) => w.manifest), ...ctx.model.services];
    for (const m of targets) {
      if (m.partial) continue;
      const object = `${m.kind}${m.name ? ` ${m.name}` : ''}`;
      const ns = m.namespace;
      if (ns === undefined || ns === '')
        ctx.report({ at: manifestRange(ctx.doc, m), messageId: 'unset', data: { object } });
      else if (ns.toLowerCase() === 'default')
        ctx.report({
          at: rangeOf(ctx.doc, get(m.metadata, 'namespace')),
          messageId: 'default',
          data: { object },
        });
    }
  },
});
