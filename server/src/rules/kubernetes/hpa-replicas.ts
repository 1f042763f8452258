import { defineRule } from '../../core/rule';
import { get, mapAt, manifestRange, num, rangeOf, type KubernetesModel } from '../../languages/kubernetes';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/hpa-replicas',
  language: 'kubernetes',
  severity: 'info',
  recommended: true,
  aliases: [
    'kube-linter:hpa-minimum-three-replicas',
    'polaris:hpaMinAvailability',
    'polaris:hpaMaxAvailability',
  ],
  fix: null,
  messages: {
    min: 'HorizontalPodAutoscaler {name} may scale down to {min} replica: one pod restart or node drain takes the app down. Set minReplicas to 2 or more.',
    max: 'HorizontalPodAutoscaler {name} has maxReplicas {max} and minReplicas {min}: it cannot scale.',
  },
  docs: {
    summary: 'An HPA should keep at least two replicas and be able to scale.',
    rationale:
      '`minReplicas` defaults to 1, so at night an autoscaled app often runs one pod, and a rollout or a node ' +
      'drain is an outage. With `maxReplicas` not above `minReplicas` the HPA never scales and only hides a ' +
      'fixed replica count (a warning). kube-linter asks for three replicas; its alias is on findings of fewer than ' +
      'two, where both tools agree. No fix: the right numbers depend on load.',
    bad: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  maxReplicas: 5\n',
    good: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 2\n  maxReplicas: 5\n',
  },
  check(ctx) {
    for (const m of ctx.model.hpas) {
      const spec = mapAt(m.root, 'spec');
      if (!spec || m.partial) continue;
      const minEntry = get(spec, 'minReplicas');
      const maxEntry = get(spec, 'maxReplicas');
      const min = minEntry ? num(minEntry.value) : 1;
      const max = num(maxEntry?.value);
      const name = m.name ?? '';
      if (min !== undefined && min < 2)
        ctx.report({
          at: minEntry ? rangeOf(ctx.doc, minEntry) : manifestRange(ctx.doc, m),
          messageId: 'min',
          // Polaris judges only a minReplicas that is written.
          aliases: minEntry ? ['kube-linter:hpa-minimum-three-replicas', 'polaris:hpaMinAvailability'] : [],
          data: { name, min },
        });
      if (min !== undefined && max !== undefined && maxEntry && max <= min)
        ctx.report({
          at: rangeOf(ctx.doc, maxEntry),
          messageId: 'max',
          severity: 'warning',
          aliases: ['polaris:hpaMaxAvailability'],
          data: { name, min, max },
        });
    }
  },
});
