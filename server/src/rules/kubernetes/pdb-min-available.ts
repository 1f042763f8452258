import { defineRule } from '../../core/rule';
import {
  get,
  inNamespace,
  isWorkload,
  lookup,
  mapAt,
  num,
  objectLabel,
  rangeOf,
  selectorOf,
  selects,
  selectsSome,
  workspaceView,
  type KubernetesModel,
} from '../../languages/kubernetes';

/** Workloads whose pod count is `replicas` (or an HPA's range): not DaemonSets, Jobs or bare Pods. */
const REPLICATED = new Set([
  'Deployment',
  'StatefulSet',
  'ReplicaSet',
  'ReplicationController',
  'DeploymentConfig',
]);

export default defineRule<KubernetesModel>({
  id: 'kubernetes/pdb-min-available',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: ['kube-linter:pdb-min-available'],
  fix: null,
  messages: {
    replicas:
      'PodDisruptionBudget {pdb} keeps {min} pods available, and {workloads} {run} {replicas}: no pod can ever be evicted, so node drains and cluster upgrades hang.',
    hpa: 'PodDisruptionBudget {pdb} keeps {min} pods available, but {hpa} may scale {workloads} down to {replicas}: at that size no pod can be evicted, so node drains and cluster upgrades hang.',
  },
  docs: {
    summary:
      'A PodDisruptionBudget should allow at least one eviction at the replica count its workload runs with.',
    rationale:
      'A PDB whose `minAvailable` is at least the number of pods it covers allows no voluntary eviction: `kubectl ' +
      'drain` waits forever and managed clusters cannot upgrade their nodes. The pods are those of the workloads ' +
      "its selector matches (in the file or the application's other files): their `replicas`, or the " +
      '`minReplicas` of the HorizontalPodAutoscaler scaling them, since the HPA may shrink them to that. Workloads ' +
      'without an explicit replica count, percentages and kustomize patches are left alone. Lower `minAvailable`, ' +
      'raise the replicas (or the HPA minimum), or use `maxUnavailable: 1`.',
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 2\n  selector:\n    matchLabels:\n      app: web\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 2\n  selector:\n    matchLabels:\n      app: web\n',
  },
  check(ctx) {
    const view = workspaceView(ctx.model, ctx.host);
    for (const p of ctx.model.pdbs) {
      if (p.partial) continue;
      const spec = mapAt(p.root, 'spec');
      const minEntry = get(spec, 'minAvailable');
      const min = num(minEntry?.value);
      const selector = selectorOf(get(spec, 'selector')?.value);
      if (!minEntry || min === undefined || min < 1 || !selector || !selectsSome(selector)) continue;
      const { known, everywhere } = lookup(view, p.namespace, isWorkload);
      if (!known) continue;
      const covered = everywhere.filter((w) => selects(selector, w.podLabels ?? {}));
      // Every covered workload must have a known pod count, or the total means nothing.
      if (covered.length === 0 || covered.some((w) => w.partial || !REPLICATED.has(w.kind))) continue;
      const hpas = inNamespace(
        view,
        p.namespace,
        (o) => o.scaleTarget !== undefined && !o.partial,
        view.everywhere,
      );
      // An HPA may shrink its target to `minReplicas` (1 when unset): that is the count that matters.
      const counts = covered.map((w) => {
        const hpa = hpas.find((h) => h.scaleTarget?.kind === w.kind && h.scaleTarget.name === w.name);
        return { hpa, count: hpa ? (hpa.minReplicas ?? 1) : w.replicas };
      });
      let total = 0;
      for (const c of counts) total += c.count ?? NaN;
      if (Number.isNaN(total)) continue;
      const by = counts.find((c) => c.hpa)?.hpa;
      if (min < total) continue;
      ctx.report({
        at: rangeOf(ctx.doc, minEntry),
        messageId: by ? 'hpa' : 'replicas',
        data: {
          pdb: p.name ?? '',
          min,
          workloads: covered.map(objectLabel).join(', '),
          run: covered.length === 1 ? 'runs' : 'run',
          replicas: `${total} replica${total === 1 ? '' : 's'}`,
          hpa: by ? `HorizontalPodAutoscaler ${by.name ?? ''}` : '',
        },
      });
    }
  },
});
