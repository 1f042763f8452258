import { defineRule } from '../../core/rule';
import { addToMap } from '../../fixes/kubernetes';
import {
  get,
  mapAt,
  manifestRange,
  num,
  rangeOf,
  stable,
  str,
  type KubernetesModel,
} from '../../languages/kubernetes';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/pdb-budget',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: [
    'kube-linter:pdb-max-unavailable',
    'polaris:pdbDisruptionsIsZero',
    'kube-linter:pdb-unhealthy-pod-eviction-policy',
  ],
  fix: 'unsafe',
  messages: {
    zero: 'PodDisruptionBudget {name} allows no voluntary disruption ({field}: {value}): node drains and cluster upgrades will hang on these pods.',
    policy:
      'PodDisruptionBudget {name} does not set unhealthyPodEvictionPolicy: pods that never become ready can block node drains. Consider AlwaysAllow.',
  },
  docs: {
    summary: 'A PodDisruptionBudget should allow some disruption, and say how unhealthy pods are evicted.',
    rationale:
      '`maxUnavailable: 0` or `minAvailable: 100%` forbids every eviction: `kubectl drain` and managed node ' +
      'upgrades wait forever (or are forced after a timeout, which is worse). Budgets with a number for ' +
      '`minAvailable` are compared with the replicas of their workload by the cross-file checks. Since ' +
      'Kubernetes 1.27 `unhealthyPodEvictionPolicy: AlwaysAllow` lets a drain evict pods that are not ready ' +
      'anyway (a crash-looping pod otherwise holds the node); unset, it is IfHealthyBudget, so that finding ' +
      'is a hint. The fix adds `unhealthyPodEvictionPolicy: AlwaysAllow`; a zero budget has no fix, since the ' +
      'right number depends on the replicas.',
    bad: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 0\n  selector:\n    matchLabels:\n      app: web\n',
    good: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  unhealthyPodEvictionPolicy: AlwaysAllow\n  selector:\n    matchLabels:\n      app: web\n',
  },
  check(ctx) {
    for (const m of ctx.model.pdbs) {
      const spec = mapAt(m.root, 'spec');
      const name = m.name ?? '';
      const max = get(spec, 'maxUnavailable');
      const min = get(spec, 'minAvailable');
      if (max && (num(max.value) === 0 || str(max.value) === '0%'))
        ctx.report({
          at: rangeOf(ctx.doc, max),
          messageId: 'zero',
          aliases: ['kube-linter:pdb-max-unavailable', 'polaris:pdbDisruptionsIsZero'],
          data: { name, field: 'maxUnavailable', value: str(max.value) ?? '0' },
        });
      if (min && str(min.value) === '100%')
        ctx.report({
          at: rangeOf(ctx.doc, min),
          messageId: 'zero',
          aliases: ['polaris:pdbDisruptionsIsZero'],
          data: { name, field: 'minAvailable', value: '100%' },
        });
      if (!spec || m.partial || get(spec, 'unhealthyPodEvictionPolicy')) continue;
      ctx.report({
        at: manifestRange(ctx.doc, m),
        messageId: 'policy',
        severity: 'hint',
        aliases: ['kube-linter:pdb-unhealthy-pod-eviction-policy'],
        data: { name },
        fix: stable(m.document, () => {
          const edit = addToMap(ctx.doc, spec, ['unhealthyPodEvictionPolicy: AlwaysAllow']);
          return edit
            ? { title: 'Evict unhealthy pods always (AlwaysAllow; changes behaviour)', edits: [edit] }
            : undefined;
        }),
      });
    }
  },
});
