import { defineRule } from '../../core/rule';
import { deleteItem } from '../../fixes/yaml';
import {
  containerLabel,
  get,
  items,
  rangeOf,
  stable,
  str,
  type KubernetesModel,
  type Node,
} from '../../languages/kubernetes';

/** Whether an env entry's value refers to a variable with `$(NAME)` (Kubernetes' own expansion). */
function refersTo(env: Node, name: string): boolean {
  return str(get(env, 'value')?.value)?.includes(`$(${name})`) === true;
}

export default defineRule<KubernetesModel>({
  id: 'kubernetes/duplicate-env',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: ['kube-linter:duplicate-env-var'],
  fix: 'safe',
  messages: {
    duplicate:
      '{container} sets {name} twice: the later definition wins, and `kubectl apply` may drop one of them on the next change.',
  },
  docs: {
    summary: 'A container should not define the same environment variable twice.',
    rationale:
      'The API server accepts duplicate env names (it only warns), and the kubelet keeps the last one, so the ' +
      'first is dead text that readers take for the value. Worse, env is merged by name, so a client-side ' +
      '`kubectl apply` that changes one of them can drop the other. A warning rather than an error because ' +
      "the object is accepted. The fix removes the earlier definition, which keeps the container's " +
      'environment; it is not offered when a variable in between refers to the name with `$(NAME)` and so sees the earlier value.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    env:\n    - name: LOG_LEVEL\n      value: info\n    - name: LOG_LEVEL\n      value: debug\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    env:\n    - name: LOG_LEVEL\n      value: debug\n',
  },
  check(ctx) {
    for (const w of ctx.model.workloads)
      for (const c of w.containers) {
        const env = items(get(c.node, 'env')?.value);
        const last = new Map<string, number>();
        env.forEach((e, i) => {
          const name = str(get(e, 'name')?.value);
          if (name) last.set(name, i);
        });
        env.forEach((e, i) => {
          const nameEntry = get(e, 'name');
          const name = str(nameEntry?.value);
          const final = name === undefined ? undefined : last.get(name);
          if (!name || !nameEntry || final === undefined || final === i) return;
          const between = env.slice(i + 1, final);
          ctx.report({
            at: rangeOf(ctx.doc, nameEntry),
            messageId: 'duplicate',
            data: { container: containerLabel(c), name },
            fix: between.some((b) => refersTo(b, name))
              ? undefined
              : stable(w.manifest.document, () => {
                  const edit = deleteItem(ctx.doc, e);
                  return edit
                    ? { title: `Remove the earlier ${name} (the later one wins)`, edits: [edit] }
                    : undefined;
                }),
          });
        });
      }
  },
});
