/**
 * Builders for the manifests Kubernetes rule tables repeat: a Pod or Deployment around a container body,
 * so that a case shows only the lines it is about. Bodies are written at the indentation they end up at.
 */

/** A Pod named `api` whose pod spec is `spec` (lines indented by two spaces, `containers:` included). */
export function pod(spec: string, metadata = ''): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n${metadata}spec:\n${spec}`;
}

/** A Pod with one container `api`; `extra` are more lines of that container (indented by four spaces). */
export function podWith(extra: string, podSpec = ''): string {
  return pod(`${podSpec}  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n${extra}`);
}

/** A Deployment `web` (label app: web); `spec` are lines of the Deployment spec, `podSpec` of its pod spec. */
export function deployment(podSpec: string, spec = '', kind = 'Deployment'): string {
  return (
    `apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: web\nspec:\n${spec}  selector:\n    matchLabels:\n      app: web\n` +
    `  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n${podSpec}`
  );
}

/** The pod spec lines of one container `web` at a Deployment's indentation, with `extra` container lines. */
export function webContainer(extra = ''): string {
  return `      containers:\n      - name: web\n        image: registry.example.com/web:2.1.0\n${extra}`;
}

/** A Role (or ClusterRole) `name` whose `rules:` are the given lines (list items at column 0). */
export function role(rules: string, kind = 'Role', name = 'app'): string {
  return `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\nrules:\n${rules}`;
}

/** A binding `name` of the role `roleKind`/`roleName` to the ServiceAccount `app`. */
export function binding(roleKind: string, roleName: string, kind = 'RoleBinding', name = 'app'): string {
  return (
    `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\nroleRef:\n` +
    `  apiGroup: rbac.authorization.k8s.io\n  kind: ${roleKind}\n  name: ${roleName}\nsubjects:\n` +
    `- kind: ServiceAccount\n  name: app\n  namespace: apps\n`
  );
}
