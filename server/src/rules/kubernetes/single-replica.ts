import { defineRule } from '../../core/rule';
import { addToMap, setScalar, styleOf, yamlLines } from '../../fixes/kubernetes';
import { addTopologySpread } from '../../fixes/spread';
import { get, manifestRange, num, rangeOf, stable, type KubernetesModel } from '../../languages/kubernetes';
import { addHpaFix, hpaFor } from '../../assists/kubernetes/hpa';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/single-replica',
  language: 'kubernetes',
  severity: 'info',
  recommended: true,
  aliases: ['polaris:deploymentMissingReplicas', 'kube-linter:minimum-three-replicas'],
  fix: 'unsafe',
  messages: {
    single:
      'Deployment {name} runs {replicas} and no HorizontalPodAutoscaler scales it: a node drain or a crash takes the service down.',
  },
  docs: {
    summary: 'A Deployment should run at least two replicas, or be scaled by an HPA.',
    rationale:
      'With one pod, every rollout, node drain or crash is an outage, and a PodDisruptionBudget cannot help. The ' +
      'usual production setting is 3 replicas with an HPA from 3 to 10. Reported as info on Deployments whose `replicas` is 1 or ' +
      'unset (which means 1) when no HPA of the file, or of other files of the application, targets them; `replicas: 0` is a deliberate stop and is left ' +
      'alone, and StatefulSets are not checked (a single database instance is often intended). Fixes: set ' +
      '`replicas: 3`, or append an HPA (min 3, max 10, CPU 70 %, memory 80 %), removing `replicas` (each apply would ' +
      'reset the count and fight the HPA) and adding the requests it scales on to containers that lack them.',
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n',
  },
  check(ctx) {
    const doc = ctx.doc;
    for (const w of ctx.model.workloads) {
      const m = w.manifest;
      if (w.kind !== 'Deployment' || !w.spec) continue;
      const entry = get(w.spec, 'replicas');
      // A kustomize patch that does not set replicas leaves them as the object it patches has them.
      if (m.partial && !entry) continue;
      const replicas = entry ? num(entry.value) : 1;
      if (replicas === undefined || replicas !== 1 || hpaFor(ctx.model, m, ctx.host)) continue;
      const spec = w.spec;
      ctx.report({
        at: entry ? rangeOf(doc, entry) : manifestRange(doc, m),
        messageId: 'single',
        data: { name: m.name ?? '', replicas: entry ? '1 replica' : 'the default of 1 replica' },
        fix: stable(m.document, () => {
          const edit = entry?.value
            ? setScalar(doc, entry.value, 3)
            : addToMap(doc, spec, yamlLines({ replicas: 3 }, styleOf(doc)));
          // Three replicas are worth having only on different nodes: the pod spec gets a spread constraint
          // (inserted first: it may go where the replicas line is appended, and it is the deeper one).
          const spread = addTopologySpread(doc, w);
          const hpa = addHpaFix(ctx.model, m);
          return [
            ...(edit
              ? [
                  {
                    title: 'Run 3 replicas spread across nodes (changes behaviour)',
                    edits: spread ? [spread, edit] : [edit],
                  },
                ]
              : []),
            ...(hpa ? [{ ...hpa, title: `${hpa.title} (changes behaviour)` }] : []),
          ];
        }),
      });
    }
  },
});
