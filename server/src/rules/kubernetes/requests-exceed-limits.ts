import { defineRule } from '../../core/rule';
import {
  containerLabel,
  entries,
  mapAt,
  quantityValue,
  rangeOf,
  str,
  get,
  type KubernetesModel,
} from '../../languages/kubernetes';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/requests-exceed-limits',
  language: 'kubernetes',
  severity: 'error',
  recommended: true,
  aliases: [],
  fix: null,
  messages: {
    exceeds:
      '{container} requests {resource} {request}, more than its limit {limit}: the API server rejects a request above its limit.',
  },
  docs: {
    summary: "A container's resource request must not exceed its limit.",
    rationale:
      'The API server rejects a pod whose container requests more of a resource than it may use ("must be less ' +
      'than or equal to cpu limit"), so the Deployment never rolls out. Usually one of the two was edited without ' +
      'the other, or units were mixed up (`1000m` against `500m`, `1Gi` against `512Mi`). Values are compared as ' +
      'quantities, so `1` and `1000m` are equal. There is no fix: only the author knows which number is right.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    resources:\n      requests:\n        memory: 1Gi\n      limits:\n        memory: 512Mi\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    resources:\n      requests:\n        memory: 512Mi\n      limits:\n        memory: 1Gi\n',
  },
  check(ctx) {
    for (const w of ctx.model.workloads)
      for (const c of w.containers) {
        const limits = mapAt(c.node, 'resources', 'limits');
        for (const req of entries(mapAt(c.node, 'resources', 'requests'))) {
          const lim = get(limits, req.key);
          const requestText = str(req.value);
          const limitText = str(lim?.value);
          const request = quantityValue(requestText);
          const limit = quantityValue(limitText);
          if (request === undefined || limit === undefined || request <= limit * (1 + 1e-12)) continue;
          ctx.report({
            at: rangeOf(ctx.doc, req),
            messageId: 'exceeds',
            data: {
              container: containerLabel(c),
              resource: req.key,
              request: requestText ?? '',
              limit: limitText ?? '',
            },
          });
        }
      }
  },
});
