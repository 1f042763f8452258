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
