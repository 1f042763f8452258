import { defineRule } from '../../core/rule';
import {
  containerLabel,
  entryAt,
  get,
  items,
  keyRange,
  str,
  type KubernetesModel,
} from '../../languages/kubernetes';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/secret-from-env',
  language: 'kubernetes',
  severity: 'info',
  recommended: false,
  defaultOff: true,
  aliases: ['kube-linter:read-secret-from-env-var'],
  fix: null,
  messages: {
    keyRef:
      'Environment variable {name} of {container} reads Secret {secret}: prefer mounting the Secret as a file (CIS 5.4.1).',
    envFrom:
      '{container} reads every key of Secret {secret} into its environment: prefer mounting the Secret as a file (CIS 5.4.1).',
  },
  docs: {
    summary: 'Containers should read Secrets from files, not environment variables (opt-in).',
    rationale:
      'The CIS Kubernetes Benchmark (5.4.1) prefers Secrets mounted as files: environment variables are ' +
      'inherited by every child process, printed by crash reporters and debug endpoints, and shown by ' +
      '`kubectl describe` tools, and a mounted Secret is updated in place when it rotates. Reading them from ' +
      'files needs the application to do so, so the rule is off by default. `valueFrom.secretKeyRef` (what ' +
      'kube-linter reports) and `envFrom.secretRef` are reported, in app and init containers. No fix: the ' +
      'application has to change too.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    env:\n    - name: DB_PASSWORD\n      valueFrom:\n        secretKeyRef:\n          name: db\n          key: password\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    volumeMounts:\n    - name: db\n      mountPath: /run/secrets/db\n      readOnly: true\n  volumes:\n  - name: db\n    secret:\n      secretName: db\n',
  },
  check(ctx) {
    for (const w of ctx.model.workloads)
      for (const c of w.containers) {
        for (const e of items(get(c.node, 'env')?.value)) {
          const ref = entryAt(e, 'valueFrom', 'secretKeyRef');
          if (!ref) continue;
          ctx.report({
            at: keyRange(ctx.doc, ref),
            messageId: 'keyRef',
            data: {
              name: str(get(e, 'name')?.value) ?? '',
              container: containerLabel(c),
              secret: str(get(ref.value, 'name')?.value) ?? '',
            },
          });
        }
        for (const e of items(get(c.node, 'envFrom')?.value)) {
          const ref = get(e, 'secretRef');
          if (!ref) continue;
          ctx.report({
            at: keyRange(ctx.doc, ref),
            messageId: 'envFrom',
            data: { container: containerLabel(c), secret: str(get(ref.value, 'name')?.value) ?? '' },
            // kube-linter reads only `valueFrom.secretKeyRef`.
            aliases: [],
          });
        }
      }
  },
});
