import { defineRule, type FixSpec } from '../../core/rule';
import { replaceNode } from '../../fixes/yaml';
import { stable, type KubernetesModel } from '../../languages/kubernetes';
import { isScalar, nodeRange, type Node } from '../../languages/yaml/model';

/** The replacement written with the quotes the original value had (`"512MB"` → `"512M"`). */
function requote(node: Node, text: string): string {
  if (!isScalar(node)) return text;
  if (node.type === 'QUOTE_DOUBLE') return JSON.stringify(text);
  if (node.type === 'QUOTE_SINGLE') return `'${text.replace(/'/g, "''")}'`;
  return text;
}
import { chooseVersion, validateManifest } from '../../schema/kubernetes';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/schema',
  language: 'kubernetes',
  severity: 'error',
  recommended: true,
  aliases: ['kube-linter:schema-validation'],
  fix: 'safe',
  messages: {
    unknownField: 'Unknown field "{field}" in {where}: the API server rejects the object.{hint}',
    unknownFieldNewer:
      'Field "{field}" in {where} is not in the bundled {version} schemas: unless Kubernetes {requested} added it, the API server rejects the object.{hint}',
    missingField: '{where} is missing the required field "{field}".',
    wrongType: '{path} must be {expected}, not {actual}.',
    badEnum: '{path} accepts only {allowed}; "{value}" is rejected.',
    badQuantity:
      '{path}: "{value}" is not a Kubernetes quantity. Write a number with a suffix such as 512Mi, 2Gi, 500m or 0.5 (MB and GB are not suffixes).',
    unknownKind: '{apiVersion} has no kind {kind}.{hint}',
    kindElsewhere: 'Kind {kind} is not part of {apiVersion}: it is served as apiVersion {to}.',
    unknownVersion: '{kind} is not served as {apiVersion} by Kubernetes {version}; use {versions}.',
    missingName: 'This {kind} has no metadata.name (or metadata.generateName): the API server rejects it.',
    jobRestartPolicy:
      '{kind} pods must set restartPolicy to OnFailure or Never: the default, Always, is rejected for Jobs.',
    podRestartPolicy:
      'restartPolicy {value} is rejected for a {kind}: its pods always restart (only Always is accepted).',
    containerRestartPolicy:
      'restartPolicy on a container is only accepted on init containers (Always, for a sidecar).',
    versionFallback:
      'Kubernetes {requested} (kubernetes.version) is not bundled: manifests are checked against the {version} schemas, the only version available.',
    versionNewer:
      'Kubernetes {requested} (kubernetes.version) is newer than the bundled {version} schemas: fields and kinds they do not know are reported as warnings, since {requested} may have added them.',
    newerField:
      'Field "{field}" in {where} was added in Kubernetes {added}: an API server older than that ({version}, the version checked) rejects it.',
    newerApi:
      '{apiVersion} {kind} is served from Kubernetes {added}: an API server older than that ({version}, the version checked) rejects it.',
  },
  docs: {
    summary: 'Manifests must match the Kubernetes API schema: known fields, right types, required fields.',
    rationale:
      'The API server rejects an object with a misspelt field (`livenessprobe`), a string where an integer ' +
      'belongs (`containerPort: "8080"`), a missing required field (a Deployment without `selector`), a value ' +
      'outside the accepted set (`imagePullPolicy: always`) or a malformed quantity (`512MB`). Each is reported on ' +
      'the key or value at fault, with "did you mean" for misspelt keys, and checked against the bundled ' +
      'Kubernetes 1.32.2 schemas (strict, from the Kubernetes OpenAPI spec). Custom resources (kinds outside the ' +
      'built-in API groups) are not checked, nor are removed API versions (see kubernetes/deprecated-api). ' +
      'YAML is read as kubectl reads it: `yes` and `on` are booleans, empty values are unset. What a newer ' +
      'Kubernetes accepts is not an error: fields and API versions added after 1.32 (`lifecycle.stopSignal`, ' +
      '`resource.k8s.io/v1`) are warnings naming the release, accepted when `kubernetes.version` is that release ' +
      'or later, and with a `kubernetes.version` newer than 1.32 every unknown field is a warning. Kustomize ' +
      'patches (`$patch: delete`, files a kustomization lists under `patches`) are partial objects: only what ' +
      'they write is checked.',
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: "3"\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n        livenessprobe:\n          httpGet:\n            path: /health\n            port: 8080\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n        livenessProbe:\n          httpGet:\n            path: /health\n            port: 8080\n',
  },
  check(ctx) {
    const { version, unavailable, newer } = chooseVersion(ctx.settings.kubernetesVersion);
    const doc = ctx.doc;
    const first = ctx.model.manifests[0];
    if (unavailable && first)
      ctx.report({
        at: nodeRange(doc, first.apiVersionNode),
        messageId: newer ? 'versionNewer' : 'versionFallback',
        severity: 'info',
        data: { requested: unavailable, version },
      });
    for (const m of ctx.model.manifests) {
      // A document with YAML errors is reported by kubernetes/syntax-error; its data is not reliable.
      if (m.document.problems.some((p) => p.severity === 'error')) continue;
      for (const issue of validateManifest(m, version, newer)) {
        const fixes = issue.fixes;
        ctx.report({
          at: nodeRange(doc, issue.node),
          messageId: issue.messageId,
          severity: issue.severity,
          data: issue.data,
          fix:
            fixes.length === 0
              ? undefined
              : stable(
                  m.document,
                  () =>
                    fixes
                      .map((f): FixSpec | undefined => {
                        const edit = replaceNode(
                          doc,
                          f.node,
                          f.keepQuotes ? requote(f.node, f.text) : f.text,
                        );
                        return edit ? { title: f.title, kind: f.kind, edits: [edit] } : undefined;
                      })
                      .filter((f): f is FixSpec => f !== undefined),
                  // Renames and values keep their quotes, so they are right in JSON too.
                  true,
                ),
        });
      }
    }
  },
});
