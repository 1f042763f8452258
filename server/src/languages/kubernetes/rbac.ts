import { get, items, str, type Node } from '../yaml/model';
import type { KubernetesModel, Manifest } from './model';
import { sameNamespace } from './query';

/** RBAC objects as the rules read them: roles, their rules, bindings and the role a binding names. */

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

export function isRole(m: Manifest): boolean {
  return m.group === RBAC_GROUP && (m.kind === 'Role' || m.kind === 'ClusterRole');
}

export function isBinding(m: Manifest): boolean {
  return m.group === RBAC_GROUP && (m.kind === 'RoleBinding' || m.kind === 'ClusterRoleBinding');
}

/** Kubernetes' own objects (`system:…`) are set up by the control plane and not the user's to change. */
export function isSystemName(m: Manifest): boolean {
  return m.name?.startsWith('system:') === true;
}

export interface PolicyRule {
  node: Node;
  apiGroups: string[];
  resources: Node[];
  verbs: Node[];
}

/** The rules of a Role or ClusterRole; none for an aggregated ClusterRole, whose rules the controller fills in. */
export function policyRules(m: Manifest): PolicyRule[] {
  if (get(m.root, 'aggregationRule')) return [];
  return items(get(m.root, 'rules')?.value).map((node) => ({
    node,
    apiGroups: items(get(node, 'apiGroups')?.value).map((g) => str(g) ?? ''),
    resources: items(get(node, 'resources')?.value),
    verbs: items(get(node, 'verbs')?.value),
  }));
}

/** The first resource item of a rule that matches one of `resources` (or `*`) in the core group, when a verb matches. */
export function grants(
  rule: PolicyRule,
  resources: readonly string[],
  verbs: readonly string[],
): Node | undefined {
  if (!rule.apiGroups.some((g) => g === '' || g === '*')) return undefined;
  if (!rule.verbs.some((v) => str(v) === '*' || verbs.includes(str(v) ?? ''))) return undefined;
  return rule.resources.find((r) => str(r) === '*' || resources.includes(str(r) ?? ''));
}

/** Whether a rule grants every verb on every resource: cluster-admin under another name. */
export function isWildcardRule(rule: PolicyRule): boolean {
  return (
    rule.apiGroups.includes('*') &&
    rule.resources.some((r) => str(r) === '*') &&
    rule.verbs.some((v) => str(v) === '*')
  );
}

export interface RoleRef {
  kind: string | undefined;
  name: string | undefined;
  nameNode: Node | null | undefined;
}

export function roleRef(binding: Manifest): RoleRef {
  const ref = get(binding.root, 'roleRef')?.value;
  const name = get(ref, 'name');
  return { kind: str(get(ref, 'kind')?.value), name: str(name?.value), nameNode: name?.value };
}

/** The Role or ClusterRole of the same file a binding names, or undefined when the file does not have it. */
export function boundRole(model: KubernetesModel, binding: Manifest): Manifest | undefined {
  const ref = roleRef(binding);
  return model.manifests.find(
    (m) =>
      isRole(m) &&
      m.kind === ref.kind &&
      m.name === ref.name &&
      (m.kind === 'ClusterRole' || sameNamespace(m, binding)),
  );
}
