import { defineRule } from '../../core/rule';
import {
  boundRole,
  grants,
  isBinding,
  isRole,
  isSystemName,
  manifestRange,
  policyRules,
  rangeOf,
  roleRef,
  type KubernetesModel,
  type Manifest,
  type Node,
} from '../../languages/kubernetes';

type Power = 'exec' | 'secrets' | 'createPods';

const POWERS: Record<Power, { resources: string[]; verbs: string[]; what: string }> = {
  exec: {
    resources: ['pods/exec', 'pods/attach'],
    verbs: ['create', 'get'],
    what: 'run commands in pods (pods/exec or attach)',
  },
  secrets: { resources: ['secrets'], verbs: ['get', 'list', 'watch'], what: 'read Secrets' },
  createPods: {
    resources: ['pods', 'deployments', 'statefulsets', 'replicasets', 'daemonsets', 'jobs', 'cronjobs'],
    verbs: ['create'],
    what: 'create pods (directly or through a workload), and so run as any ServiceAccount of the namespace',
  },
};

/** Aliases of a Role's finding, by power and kind. */
function roleAliases(power: Power, m: Manifest): string[] {
  if (power === 'exec')
    return [
      m.kind === 'ClusterRole' ? 'polaris:clusterrolePodExecAttach' : 'polaris:rolePodExecAttach',
      'trivy:KSV053',
    ];
  if (power === 'secrets') return [m.kind === 'ClusterRole' ? 'trivy:KSV041' : 'trivy:KSV113'];
  return ['trivy:KSV048'];
}

/** Aliases of a binding's finding, by power, binding kind and role kind. */
function bindingAliases(power: Power, binding: Manifest, role: Manifest): string[] {
  if (power === 'secrets') return ['kube-linter:access-to-secrets'];
  if (power === 'createPods') return ['kube-linter:access-to-create-pods'];
  if (binding.kind === 'ClusterRoleBinding') return ['polaris:clusterrolebindingPodExecAttach'];
  return [
    role.kind === 'Role'
      ? 'polaris:rolebindingRolePodExecAttach'
      : 'polaris:rolebindingClusterRolePodExecAttach',
  ];
}

function powersOf(role: Manifest): [Power, Node][] {
  const out: [Power, Node][] = [];
  for (const power of Object.keys(POWERS) as Power[])
    for (const rule of policyRules(role)) {
      const hit = grants(rule, POWERS[power].resources, POWERS[power].verbs);
      if (hit) {
        out.push([power, hit]);
        break;
      }
    }
  return out;
}

export default defineRule<KubernetesModel>({
  id: 'kubernetes/rbac-sensitive',
  language: 'kubernetes',
  severity: 'info',
  recommended: true,
  aliases: [
    'polaris:clusterrolePodExecAttach',
    'polaris:rolePodExecAttach',
    'polaris:clusterrolebindingPodExecAttach',
    'polaris:rolebindingClusterRolePodExecAttach',
    'polaris:rolebindingRolePodExecAttach',
    'kube-linter:access-to-secrets',
    'kube-linter:access-to-create-pods',
    'trivy:KSV041',
    'trivy:KSV048',
    'trivy:KSV053',
    'trivy:KSV113',
  ],
  fix: null,
  messages: {
    binding: 'The {kind} {name} binds {role}, which lets its subjects {what}.',
    role: 'The {kind} {name} lets its subjects {what}.',
  },
  docs: {
    summary:
      'Roles that allow pods/exec, reading Secrets or creating pods deserve a review, and so do their bindings.',
    rationale:
      'Three permissions are worth more than they look: `pods/exec` and `pods/attach` run commands inside any ' +
      "pod the role reaches, with that pod's credentials; get, list or watch on Secrets reads every credential of " +
      'the namespace (list and watch return the values); and creating pods or workloads lets a subject run a pod ' +
      'as any ServiceAccount of the namespace, so it has the union of their permissions. Controllers and CI need ' +
      'some of this, so the finding is info: one on the role (at the resource that grants it) and one on each ' +
      "binding of the same file that names it. Kubernetes' own roles (`system:…`) and aggregated ClusterRoles are " +
      "left alone; cluster-admin bindings are `kubernetes/rbac-cluster-admin`'s.",
    bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: debugger\nrules:\n- apiGroups: [""]\n  resources: ["pods", "pods/exec"]\n  verbs: ["get", "create"]\n',
    good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: viewer\nrules:\n- apiGroups: [""]\n  resources: ["pods", "pods/log"]\n  verbs: ["get", "list"]\n',
  },
  check(ctx) {
    for (const m of ctx.model.manifests) {
      if (isSystemName(m)) continue;
      if (isRole(m))
        for (const [power, at] of powersOf(m))
          ctx.report({
            at: rangeOf(ctx.doc, at),
            messageId: 'role',
            aliases: roleAliases(power, m),
            data: { kind: m.kind, name: m.name ?? '', what: POWERS[power].what },
          });
      if (!isBinding(m)) continue;
      const role = boundRole(ctx.model, m);
      if (!role || isSystemName(role)) continue;
      const ref = roleRef(m);
      for (const [power] of powersOf(role))
        ctx.report({
          at: ref.nameNode ? rangeOf(ctx.doc, ref.nameNode) : manifestRange(ctx.doc, m),
          messageId: 'binding',
          aliases: bindingAliases(power, m, role),
          data: {
            kind: m.kind,
            name: m.name ?? '',
            role: `${role.kind} ${role.name ?? ''}`,
            what: POWERS[power].what,
          },
        });
    }
  },
});
