import { defineRule } from '../../core/rule';
import {
  dns1123Label,
  get,
  isPlaceholder,
  items,
  rangeOf,
  str,
  workloadLabel,
  type KubernetesModel,
} from '../../languages/kubernetes';

const LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

export default defineRule<KubernetesModel>({
  id: 'kubernetes/container-name',
  language: 'kubernetes',
  severity: 'error',
  recommended: true,
  aliases: [],
  fix: null,
  messages: {
    duplicate: '{workload} has two containers named "{name}": the API server rejects the pod.',
    invalid: 'The container name "{name}" is rejected by the API server: it {why}.',
  },
  docs: {
    summary:
      'Container names must be DNS-1123 labels, unique across the containers and init containers of a pod.',
    rationale:
      'The API server validates container names as DNS-1123 labels (at most 63 lowercase letters, digits and ' +
      'hyphens) and rejects a pod spec in which two containers — app, init or ephemeral — share a name; the ' +
      'schema checks neither. Placeholders filled in before apply (`${NAME}`, templates) are not judged, and a ' +
      'kustomize patch, whose containers merge by name into another object, is not checked for duplicates.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  initContainers:\n  - name: api\n    image: registry.example.com/migrate:1.0.0\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  initContainers:\n  - name: migrate\n    image: registry.example.com/migrate:1.0.0\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n',
  },
  check(ctx) {
    for (const w of ctx.model.workloads) {
      const seen = new Set<string>();
      for (const list of LISTS)
        for (const c of items(get(w.podSpec, list)?.value)) {
          const e = get(c, 'name');
          const name = str(e?.value);
          if (!e || !name || isPlaceholder(name)) continue;
          const why = dns1123Label(name);
          if (why) ctx.report({ at: rangeOf(ctx.doc, e), messageId: 'invalid', data: { name, why } });
          else if (seen.has(name) && !w.manifest.partial)
            ctx.report({
              at: rangeOf(ctx.doc, e),
              messageId: 'duplicate',
              data: { name, workload: workloadLabel(w) },
            });
          seen.add(name);
        }
    }
  },
});
