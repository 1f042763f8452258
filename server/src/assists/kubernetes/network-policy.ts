import type { FixSpec, Host } from '../../core/rule';
import { scalar, styleOf, yamlLines, type YValue } from '../../fixes/kubernetes';
import { appendDocument } from '../../fixes/yaml';
import {
  get,
  inNamespace,
  isFlowDocument,
  isWorkload,
  items,
  lookup,
  mapAt,
  num,
  selects,
  selectsSome,
  str,
  stringMap,
  workspaceView,
  type KubernetesModel,
  type Manifest,
  dns1123Subdomain,
} from '../../languages/kubernetes';

/**
 * "Add a default-deny NetworkPolicy and allow the Service's traffic", on a Service with a selector: a
 * policy that selects every pod of the namespace and allows no ingress (left out when the application
 * has one), and one that lets traffic in to the Service's pods on the ports it sends to (its `targetPort`s,
 * else its `port`s). Pods of the namespace that other Services expose are cut off until they get their
 * own allow policy, so this changes behaviour and says so. Offered when no policy of the application
 * selects those pods yet, and only when a workload of the namespace carries them (or none is known), so
 * the new policy selects something.
 */
export function networkPolicyAssist(model: KubernetesModel, m: Manifest, host?: Host): FixSpec[] {
  if (m.kind !== 'Service' || m.group !== '' || !m.name || model.documents.some(isFlowDocument)) return [];
  const spec = mapAt(m.root, 'spec');
  const selector = stringMap(get(spec, 'selector')?.value);
  if (selector.size === 0 || str(get(spec, 'type')?.value) === 'ExternalName') return [];
  const matchLabels = Object.fromEntries(selector);
  const view = workspaceView(model, host ?? { exists: () => undefined });
  const workloads = lookup(view, m.namespace, isWorkload);
  if (
    workloads.known &&
    !workloads.found.some((w) => selects({ matchLabels, matchExpressions: [] }, w.podLabels ?? {}))
  )
    return [];
  const policies = inNamespace(
    view,
    m.namespace,
    (o) => o.kind === 'NetworkPolicy' && o.selector !== undefined,
  );
  // A policy for these very pods exists: nothing to add. A namespace-wide one (`podSelector: {}`, a default
  // deny) leaves only the allow policy to add.
  if (policies.some((p) => p.selector && selectsSome(p.selector) && selects(p.selector, matchLabels)))
    return [];
  const denies = policies.some((p) => p.selector && !selectsSome(p.selector));
  const ports: { [k: string]: YValue }[] = [];
  for (const p of items(get(spec, 'ports')?.value)) {
    const target = get(p, 'targetPort')?.value;
    const port = num(target) ?? str(target) ?? num(get(p, 'port')?.value);
    if (port === undefined) return [];
    const protocol = str(get(p, 'protocol')?.value);
    ports.push(protocol && protocol !== 'TCP' ? { port, protocol } : { port });
  }
  if (ports.length === 0) return [];
  // A Service whose name the API server rejects is reported first; a policy named after it would be too.
  if (dns1123Subdomain(`${m.name}-allow-ingress`) !== undefined) return [];
  const style = styleOf(model.doc);
  const unit = style.unit;
  const ns = m.namespace ? [`${unit}namespace: ${scalar(m.namespace)}`] : [];
  const deny = [
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata:',
    `${unit}name: default-deny-ingress`,
    ...ns,
    'spec:',
    `${unit}podSelector: {}`,
    ...yamlLines({ policyTypes: ['Ingress'] }, style).map((l) => unit + l),
  ];
  const allow = [
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata:',
    `${unit}name: ${scalar(`${m.name}-allow-ingress`)}`,
    ...ns,
    ...yamlLines(
      { spec: { podSelector: { matchLabels }, policyTypes: ['Ingress'], ingress: [{ ports }] } },
      style,
    ),
  ];
  const edits = [appendDocument(model.doc, denies ? allow : [...deny, '---', ...allow])];
  return [
    {
      title: denies
        ? `Allow the traffic of Service ${m.name} (changes behaviour)`
        : `Add a default-deny NetworkPolicy and allow the traffic of Service ${m.name} (changes behaviour)`,
      edits,
    },
  ];
}
