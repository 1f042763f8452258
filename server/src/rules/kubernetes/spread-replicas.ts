import { defineRule } from '../../core/rule';
import {
  entryAt,
  get,
  items,
  mapAt,
  num,
  rangeOf,
  workloadLabel,
  type KubernetesModel,
} from '../../languages/kubernetes';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/spread-replicas',
  language: 'kubernetes',
  severity: 'info',
  recommended: true,
  aliases: ['kube-linter:no-anti-affinity', 'polaris:topologySpreadConstraint'],
  fix: null,
  messages: {
    spread:
      '{workload} runs {replicas} replicas with no pod anti-affinity or topologySpreadConstraints: the scheduler may put them all on one node, and one node failure takes them all.',
  },
  docs: {
    summary: 'Workloads with several replicas should spread them across nodes or zones.',
    rationale:
      'Replicas are for surviving the loss of one; without `topologySpreadConstraints` (or pod anti-affinity ' +
      'on `kubernetes.io/hostname`) nothing stops the scheduler from packing them on one node. Reported for ' +
      'Deployments, StatefulSets and ReplicaSets with `replicas` of 2 or more written in the file. The ' +
      '"Spread replicas across nodes" assist adds a constraint.',
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      topologySpreadConstraints:\n      - maxSkew: 1\n        topologyKey: kubernetes.io/hostname\n        whenUnsatisfiable: ScheduleAnyway\n        labelSelector:\n          matchLabels:\n            app: web\n      containers:\n      - name: web\n        image: nginx:1.27\n',
  },
  check(ctx) {
    for (const w of ctx.model.workloads) {
      if (
        !['Deployment', 'StatefulSet', 'ReplicaSet', 'DeploymentConfig'].includes(w.kind) ||
        w.manifest.partial
      )
        continue;
      const replicasEntry = get(w.spec, 'replicas');
      const replicas = num(replicasEntry?.value);
      if (!replicasEntry || replicas === undefined || replicas < 2) continue;
      const spread = items(get(w.podSpec, 'topologySpreadConstraints')?.value).length > 0;
      const anti =
        items(
          entryAt(w.podSpec, 'affinity', 'podAntiAffinity', 'requiredDuringSchedulingIgnoredDuringExecution')
            ?.value,
        ).length > 0 ||
        items(
          get(
            mapAt(w.podSpec, 'affinity', 'podAntiAffinity'),
            'preferredDuringSchedulingIgnoredDuringExecution',
          )?.value,
        ).length > 0;
      if (spread || anti) continue;
      ctx.report({
        at: rangeOf(ctx.doc, replicasEntry),
        messageId: 'spread',
        data: { workload: workloadLabel(w), replicas },
      });
    }
  },
});
