import { defineRule } from '../../core/rule';
import {
  get,
  isWorkload,
  keyRange,
  lookup,
  mapAt,
  selectorOf,
  selects,
  selectorText,
  selectsSome,
  workspaceView,
  worthReporting,
  type KubernetesModel,
} from '../../languages/kubernetes';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/pdb-selector',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: [],
  fix: null,
  messages: {
    dangling:
      'PodDisruptionBudget {pdb} selects {selector}, which no workload in its namespace labels its pods with: it protects nothing.',
  },
  docs: {
    summary: "A PodDisruptionBudget's selector should match the pods of a workload.",
    rationale:
      'A PodDisruptionBudget limits voluntary evictions (node drains, cluster upgrades) of the pods its selector ' +
      'matches. With a typo in the selector it matches none, applies cleanly, and the workload it was written for ' +
      'can lose all its pods in one drain. Workloads are looked up in the file and in the workspace files of the ' +
      "same application (the same folder, or one inside the other), only when some workload of the PDB's namespace " +
      'is known there; an empty selector (every pod of the namespace) and kustomize patches are left alone.',
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: wbe\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: web\n',
  },
  check(ctx) {
    const view = workspaceView(ctx.model, ctx.host);
    for (const p of ctx.model.pdbs) {
      if (p.partial) continue;
      const entry = get(mapAt(p.root, 'spec'), 'selector');
      const selector = selectorOf(entry?.value);
      if (!entry || !selector || !selectsSome(selector)) continue;
      const { found, known, everywhere } = lookup(view, p.namespace, (o) => isWorkload(o) && !o.partial);
      if (!known || everywhere.some((w) => selects(selector, w.podLabels ?? {}))) continue;
      if (!worthReporting(view, selector, found, (w) => w.podLabels)) continue;
      ctx.report({
        at: keyRange(ctx.doc, entry),
        messageId: 'dangling',
        data: { pdb: p.name ?? '', selector: selectorText(selector) },
      });
    }
  },
});
