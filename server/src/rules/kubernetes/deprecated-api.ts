import { defineRule, type FixSpec } from '../../core/rule';
import type { TextDoc, TextEdit } from '../../core/text';
import { addToMap, styleOf, yamlLines, type YamlStyle, type YValue } from '../../fixes/kubernetes';
import { replaceNode } from '../../fixes/yaml';
import {
  DEFAULT_KUBERNETES_VERSION,
  entries,
  findApiMove,
  formatVersion,
  get,
  items,
  mapAt,
  num,
  parseVersion,
  stable,
  str,
  versionAtLeast,
  type ApiMove,
  type KubernetesModel,
  type Manifest,
  type YAMLMap,
} from '../../languages/kubernetes';
import { contentEnd, isMap, nodeRange, type Node } from '../../languages/yaml/model';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/deprecated-api',
  language: 'kubernetes',
  severity: 'error',
  recommended: true,
  aliases: ['kube-linter:no-extensions-v1beta'],
  fix: 'safe',
  messages: {
    removed:
      '{apiVersion} {kind} was removed in Kubernetes {removed}: the API server ({target}) rejects it. {advice}',
    deprecated:
      '{apiVersion} {kind} is deprecated since Kubernetes {deprecated} and removed in {removed}. {advice}',
  },
  docs: {
    summary: 'Manifests should not use API versions that Kubernetes has removed or deprecated.',
    rationale:
      'Removed API versions (`extensions/v1beta1` Deployments and Ingresses, `policy/v1beta1` PodDisruptionBudgets, ' +
      '`batch/v1beta1` CronJobs, `autoscaling/v2beta1` and `v2beta2` HPAs, …) make `kubectl apply` fail with "no ' +
      'matches for kind" after a cluster upgrade. Checked against `kubernetes.version` (default 1.32): an API ' +
      'removed by then is an error, one deprecated but still served a warning. The fix moves the object where the ' +
      'move is mechanical and keeps behaviour: the apiVersion alone; for workloads also the `selector` apps/v1 ' +
      'requires, taken from the template labels (unsafe: apps/v1 changed rollout defaults); for Ingresses the v1 backend shape (`service.name`, ' +
      '`service.port.number`) and `pathType: ImplementationSpecific`, the old default; for v2beta1 HPAs the v2 ' +
      'metric targets. Moves that need a decision (CRDs, webhooks, PodSecurityPolicy, which has no successor) are ' +
      'reported without a fix.',
    bad: 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - name: report\n            image: registry.example.com/report:2.3.0\n',
    good: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - name: report\n            image: registry.example.com/report:2.3.0\n',
  },
  check(ctx) {
    const target = parseVersion(ctx.settings.kubernetesVersion) ??
      parseVersion(DEFAULT_KUBERNETES_VERSION) ?? [1, 32];
    const doc = ctx.doc;
    for (const m of ctx.model.manifests) {
      const move = findApiMove(m.apiVersion, m.kind);
      if (!move) continue;
      const removed = versionAtLeast(target, move.removedIn);
      if (!removed && !versionAtLeast(target, move.deprecatedIn)) continue;
      const advice = move.to
        ? `Use ${move.to}${move.note ? ` (${move.note})` : ''}.`
        : `It has no replacement: ${move.note ?? 'remove it'}.`;
      ctx.report({
        at: nodeRange(doc, m.apiVersionNode),
        messageId: removed ? 'removed' : 'deprecated',
        severity: removed ? undefined : 'warning',
        aliases: m.group === 'extensions' ? ['kube-linter:no-extensions-v1beta'] : [],
        data: {
          apiVersion: m.apiVersion,
          kind: m.kind,
          removed: formatVersion(move.removedIn),
          deprecated: formatVersion(move.deprecatedIn),
          target: formatVersion(target),
          advice,
        },
        fix: move.to && move.fix ? stable(m.document, () => moveFix(doc, m, move)) : undefined,
      });
    }
  },
});

function moveFix(doc: TextDoc, m: Manifest, move: ApiMove): FixSpec | undefined {
  const to = move.to as string;
  const version = replaceNode(doc, m.apiVersionNode, to);
  if (!version) return undefined;
  const style = styleOf(doc);
  const edits: TextEdit[] = [version];
  const spec = mapAt(m.root, 'spec');
  if (move.fix === 'workload') {
    const w = m.workload;
    if (!w || !spec || spec.flow) return undefined;
    // Fields apps/v1 dropped: moving them would need a decision.
    if (get(spec, 'rollbackTo') || get(spec, 'templateGeneration')) return undefined;
    if (!get(spec, 'selector')) {
      if (w.podLabels.size === 0) return undefined;
      const e = addToMap(
        doc,
        spec,
        yamlLines({ selector: { matchLabels: Object.fromEntries(w.podLabels) } }, style),
      );
      if (!e) return undefined;
      edits.push(e);
    }
    // apps/v1 changed defaults (maxUnavailable 25 % instead of 1, a 600 s progress deadline, 10 revisions).
    return { title: `Move to ${to} (changes behaviour: apps/v1 defaults)`, kind: 'unsafe', edits };
  } else if (m.kind === 'PodDisruptionBudget') {
    // An empty selector selects no pods in policy/v1beta1 and every pod of the namespace in policy/v1.
    const sel = mapAt(spec, 'selector');
    if (!sel || sel.items.length === 0) return undefined;
  } else if (move.fix === 'ingress') {
    if (!spec || spec.flow) return undefined;
    const backend = get(spec, 'backend');
    if (backend) {
      edits.push({ range: nodeRange(doc, backend.keyNode), newText: 'defaultBackend' });
      const e = backendEdit(doc, backend.value, style);
      if (e === null) return undefined;
      if (e) edits.push(e);
    }
    for (const rule of items(get(spec, 'rules')?.value))
      for (const path of items(get(mapAt(rule, 'http'), 'paths')?.value)) {
        if (!isMap(path) || path.flow) return undefined;
        const e = backendEdit(doc, get(path, 'backend')?.value ?? null, style);
        if (e === null) return undefined;
        if (e) edits.push(e);
        if (!get(path, 'pathType')) {
          // ImplementationSpecific was the v1beta1 default: writing it keeps the routing as it was.
          const p = addToMap(doc, path, ['pathType: ImplementationSpecific']);
          if (!p) return undefined;
          edits.push(p);
        }
      }
  } else if (move.fix === 'hpa-v2beta1') {
    for (const metric of items(get(spec, 'metrics')?.value)) {
      if (str(get(metric, 'type')?.value) !== 'Resource') return undefined;
      const resource = mapAt(metric, 'resource');
      if (!resource || resource.flow) return undefined;
      const util = get(resource, 'targetAverageUtilization');
      const value = get(resource, 'targetAverageValue');
      const old = util ?? value;
      if (!old?.value) return undefined;
      const target: Record<string, YValue> = util
        ? { type: 'Utilization', averageUtilization: num(util.value) ?? 0 }
        : { type: 'AverageValue', averageValue: str(value?.value) ?? '' };
      const column = doc.positionAt(old.keyNode.range?.[0] ?? 0).character;
      edits.push({
        range: doc.rangeOf(old.keyNode.range?.[0] ?? 0, contentEnd(old.value)),
        newText: yamlLines({ target }, style).join(doc.eol + ' '.repeat(column)),
      });
    }
  }
  return { title: `Move to ${to}`, edits };
}

/**
 * Rewrites an Ingress backend from `serviceName`/`servicePort` to v1's `service: {name, port}`. Undefined
 * when there is nothing to rewrite, null when the backend has a shape this cannot rewrite.
 */
function backendEdit(doc: TextDoc, node: Node | null, style: YamlStyle): TextEdit | null | undefined {
  const b = node && isMap(node) ? (node as YAMLMap) : null;
  if (!b) return node ? null : undefined;
  const name = get(b, 'serviceName');
  const port = get(b, 'servicePort');
  if (!name && !port) return undefined;
  if (!name?.value || !port?.value || b.flow || entries(b).length !== 2) return null;
  const p = num(port.value);
  const portValue: Record<string, YValue> = p !== undefined ? { number: p } : { name: str(port.value) ?? '' };
  const service: Record<string, YValue> = { name: str(name.value) ?? '', port: portValue };
  const first = entries(b)[0];
  const start = first?.keyNode.range?.[0];
  if (start === undefined) return null;
  const column = doc.positionAt(start).character;
  return {
    range: doc.rangeOf(start, contentEnd(b)),
    newText: yamlLines({ service }, style).join(doc.eol + ' '.repeat(column)),
  };
}
