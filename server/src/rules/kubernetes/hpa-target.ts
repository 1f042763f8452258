import { defineRule } from '../../core/rule';
import {
  containerLabel,
  entryAt,
  get,
  isWorkload,
  items,
  longRunning,
  lookup,
  mapAt,
  rangeOf,
  sameNamespace,
  stable,
  str,
  workloadLabel,
  workspaceView,
  type Container,
  type KubernetesModel,
} from '../../languages/kubernetes';
import { didYouMean } from '../../schema/kubernetes';
import { resourcesFix } from '../../fixes/kubernetes-resources';

const SCALABLE = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

export default defineRule<KubernetesModel>({
  id: 'kubernetes/hpa-target',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: ['kube-linter:dangling-horizontalpodautoscaler'],
  fix: 'unsafe',
  messages: {
    missingTarget:
      'HorizontalPodAutoscaler {hpa} scales {kind} {name}, which is not in its namespace in this application.{hint}',
    noRequest:
      'This HPA scales on {resource} utilization, but {containers} of {workload} request no {resource}: utilization is a share of the request, so the HPA cannot compute it and does not scale.',
  },
  docs: {
    summary: 'An HPA should scale a workload that exists and requests the resources it scales on.',
    rationale:
      'An HPA whose `scaleTargetRef` names no workload (a typo, a renamed Deployment) does nothing, and says so ' +
      "only in its status. An HPA that scales on CPU or memory utilization computes it as a percentage of the pods' " +
      'requests: when a container requests none of that resource, the metric is undefined and the HPA does not ' +
      "scale at all. The target is looked up only when the file holds workloads in the HPA's namespace (an HPA " +
      'alone in its file may target one defined elsewhere). Fixes: point the HPA at the workload whose name is one ' +
      'typo away, or add a starting request (500m CPU, 512Mi memory) to the containers without one.',
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n      - name: api\n        image: registry.example.com/api:1.4.2\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: api-hpa\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: api\n  minReplicas: 3\n  maxReplicas: 10\n  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      target:\n        type: Utilization\n        averageUtilization: 70\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n      - name: api\n        image: registry.example.com/api:1.4.2\n        resources:\n          requests:\n            cpu: 500m\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: api-hpa\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: api\n  minReplicas: 3\n  maxReplicas: 10\n  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      target:\n        type: Utilization\n        averageUtilization: 70\n',
  },
  check(ctx) {
    const doc = ctx.doc;
    const view = workspaceView(ctx.model, ctx.host);
    for (const h of ctx.model.hpas) {
      // A kustomize patch's target is in the base it patches, not in this file.
      if (h.partial) continue;
      const ref = mapAt(h.root, 'spec', 'scaleTargetRef');
      const kind = str(get(ref, 'kind')?.value);
      const nameEntry = get(ref, 'name');
      const name = str(nameEntry?.value);
      if (!kind || !name || !nameEntry) continue;
      const { found: candidates, known, everywhere } = lookup(view, h.namespace, isWorkload);
      if (!known) continue;
      if (!everywhere.some((w) => w.kind === kind && w.name === name)) {
        if (!SCALABLE.has(kind)) continue;
        const sameKind = candidates.filter((w) => w.kind === kind && w.name).map((w) => w.name as string);
        const guess = didYouMean(name, sameKind);
        const value = nameEntry.value;
        ctx.report({
          at: rangeOf(doc, nameEntry),
          messageId: 'missingTarget',
          data: { hpa: h.name ?? '', kind, name, hint: guess ? ` Did you mean ${guess}?` : '' },
          fix:
            guess && value
              ? stable(h.document, () => ({
                  title: `Scale ${kind} ${guess} (changes behaviour)`,
                  edits: [{ range: rangeOf(doc, value), newText: guess }],
                }))
              : undefined,
        });
        continue;
      }
      // Requests are read from this file's workloads only (the index keeps no requests); a patched
      // workload's requests are mostly in the object it patches.
      const target = ctx.model.workloads.find(
        (w) => sameNamespace(w.manifest, h) && w.kind === kind && w.manifest.name === name,
      );
      if (!target || target.manifest.partial) continue;
      // Resource metrics on utilization need a request for that resource in every container.
      for (const metric of items(get(get(h.root, 'spec')?.value, 'metrics')?.value)) {
        const type = str(get(metric, 'type')?.value);
        const source =
          type === 'Resource' ? 'resource' : type === 'ContainerResource' ? 'containerResource' : null;
        if (!source) continue;
        const resourceName = entryAt(metric, source, 'name');
        const resource = str(resourceName?.value);
        if (!resourceName || (resource !== 'cpu' && resource !== 'memory')) continue;
        if (str(entryAt(metric, source, 'target', 'type')?.value) !== 'Utilization') continue;
        const only =
          source === 'containerResource' ? str(entryAt(metric, source, 'container')?.value) : undefined;
        const lacking = longRunning(target).filter(
          (c) => (only === undefined || c.name === only) && !requests(c, resource),
        );
        if (lacking.length === 0) continue;
        ctx.report({
          at: rangeOf(doc, resourceName),
          messageId: 'noRequest',
          data: {
            resource,
            containers: lacking.map(containerLabel).join(', '),
            workload: workloadLabel(target),
          },
          // The containers get every missing request and limit, not only this one: a lone CPU request
          // would leave `kubernetes/missing-resources` reporting the rest under a new message.
          fix: stable(h.document, () => {
            const edits = lacking.map((c) => resourcesFix(doc, c));
            return edits.every((e) => e !== undefined)
              ? {
                  title: `Request ${resource} in ${lacking.map(containerLabel).join(', ')}, with the other missing requests and limits (changes behaviour)`,
                  edits: edits.flat(),
                }
              : undefined;
          }),
        });
      }
    }
  },
});

/** Whether a container requests a resource (a limit alone counts: Kubernetes copies it to the request). */
function requests(c: Container, resource: string): boolean {
  return !!(
    get(mapAt(c.node, 'resources', 'requests'), resource) ??
    get(mapAt(c.node, 'resources', 'limits'), resource)
  );
}
