import type { IndexedObject } from '../../core/kubernetes-index';
import type { KubernetesModel, Manifest } from './model';

/** Pod Security Standards levels as Shipshape applies them: `privileged` enforces nothing, like `off`. */
export type PodSecurityLevel = 'off' | 'baseline' | 'restricted';

export const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';

/**
 * The level an object is held to: the `pod-security.kubernetes.io/enforce` label of its Namespace when
 * this file has that Namespace (the admission controller enforces the label, whatever the settings say),
 * else that of a Namespace in another file of the workspace (`others`, the workspace index), else
 * `fallback` (the `kubernetes.podSecurity` setting).
 */
export function podSecurityLevel(
  model: KubernetesModel,
  m: Manifest,
  fallback: PodSecurityLevel,
  others: readonly IndexedObject[] = [],
): PodSecurityLevel {
  if (m.namespace === undefined) return fallback;
  const ns = byName(ownNamespaces, model.manifests, () => true).get(m.namespace);
  // The Namespace may be in another file of the workspace (its index); this file's own wins.
  const label = ns
    ? ns.labels.get(ENFORCE_LABEL)
    : byName(otherNamespaces, others, (o) => !o.partial).get(m.namespace)?.labels[ENFORCE_LABEL];
  return label === undefined ? fallback : (levelOfLabel(label) ?? fallback);
}

const ownNamespaces = new WeakMap<object, Map<string, Manifest>>();
const otherNamespaces = new WeakMap<object, Map<string, IndexedObject>>();

/**
 * The first Namespace of each name in a list, built once per list: every workload of a 600-document file
 * asks, and a model's or an index's lists do not change once made.
 */
function byName<T extends { kind: string; group: string; name?: string | undefined }>(
  memo: WeakMap<object, Map<string, T>>,
  list: readonly T[],
  keep: (o: T) => boolean,
): Map<string, T> {
  let names = memo.get(list);
  if (!names) {
    names = new Map();
    for (const o of list)
      if (o.kind === 'Namespace' && o.group === '' && o.name !== undefined && keep(o) && !names.has(o.name))
        names.set(o.name, o);
    memo.set(list, names);
  }
  return names;
}

/** The level a `pod-security.kubernetes.io/enforce` value names, or undefined for a value the API rejects. */
export function levelOfLabel(value: string): PodSecurityLevel | undefined {
  if (value === 'privileged') return 'off';
  if (value === 'baseline' || value === 'restricted') return value;
  return undefined;
}

/** What the Pod Security Standards' baseline lets a container add: the container runtimes' defaults less NET_RAW. */
export const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);
