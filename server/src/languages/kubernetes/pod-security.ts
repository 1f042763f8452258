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
  const ns = model.manifests.find((n) => n.kind === 'Namespace' && n.group === '' && n.name === m.namespace);
  // The Namespace may be in another file of the workspace (its index); this file's own wins.
  const label = ns
    ? ns.labels.get(ENFORCE_LABEL)
    : others.find((o) => o.kind === 'Namespace' && o.group === '' && o.name === m.namespace && !o.partial)
        ?.labels[ENFORCE_LABEL];
  return label === undefined ? fallback : (levelOfLabel(label) ?? fallback);
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
