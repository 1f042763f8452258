/**
 * API versions Kubernetes deprecated and removed, from the upstream deprecation guide
 * (https://kubernetes.io/docs/reference/using-api/deprecation-guide/). `fix` says how mechanical the move
 * to the replacement is: `version` (only apiVersion changes), `workload` (apiVersion, plus a
 * `spec.selector` built from the template labels, which apps/v1 requires), `ingress` (the v1 backend
 * shape and `pathType`), `hpa-v2beta1` (metric targets in the v2 shape), or null when the move needs
 * decisions (new required fields, or no replacement at all).
 */
export type ApiFix = 'version' | 'workload' | 'ingress' | 'hpa-v2beta1';

export interface ApiMove {
  apiVersion: string;
  kinds: readonly string[];
  /** The replacement apiVersion, or null when the kind has none (PodSecurityPolicy). */
  to: string | null;
  deprecatedIn: Version;
  removedIn: Version;
  fix: ApiFix | null;
  /** What to do instead when there is no mechanical move. */
  note?: string;
}

export type Version = readonly [number, number];

const WORKLOADS = ['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet'];

export const API_MOVES: readonly ApiMove[] = [
  { apiVersion: 'extensions/v1beta1', kinds: ['Deployment', 'DaemonSet', 'ReplicaSet'], to: 'apps/v1', deprecatedIn: [1, 9], removedIn: [1, 16], fix: 'workload' },
  { apiVersion: 'extensions/v1beta1', kinds: ['Ingress'], to: 'networking.k8s.io/v1', deprecatedIn: [1, 14], removedIn: [1, 22], fix: 'ingress' },
  { apiVersion: 'extensions/v1beta1', kinds: ['NetworkPolicy'], to: 'networking.k8s.io/v1', deprecatedIn: [1, 9], removedIn: [1, 16], fix: 'version' },
  { apiVersion: 'extensions/v1beta1', kinds: ['PodSecurityPolicy'], to: null, deprecatedIn: [1, 11], removedIn: [1, 16], fix: null, note: 'use Pod Security Admission (namespace labels pod-security.kubernetes.io/enforce)' },
  { apiVersion: 'apps/v1beta1', kinds: WORKLOADS, to: 'apps/v1', deprecatedIn: [1, 9], removedIn: [1, 16], fix: 'workload' },
  { apiVersion: 'apps/v1beta2', kinds: WORKLOADS, to: 'apps/v1', deprecatedIn: [1, 9], removedIn: [1, 16], fix: 'workload' },
  { apiVersion: 'networking.k8s.io/v1beta1', kinds: ['Ingress'], to: 'networking.k8s.io/v1', deprecatedIn: [1, 19], removedIn: [1, 22], fix: 'ingress' },
  { apiVersion: 'networking.k8s.io/v1beta1', kinds: ['IngressClass'], to: 'networking.k8s.io/v1', deprecatedIn: [1, 19], removedIn: [1, 22], fix: 'version' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget'], to: 'policy/v1', deprecatedIn: [1, 21], removedIn: [1, 25], fix: 'version' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'], to: null, deprecatedIn: [1, 21], removedIn: [1, 25], fix: null, note: 'use Pod Security Admission (namespace labels pod-security.kubernetes.io/enforce)' },
  { apiVersion: 'batch/v1beta1', kinds: ['CronJob'], to: 'batch/v1', deprecatedIn: [1, 21], removedIn: [1, 25], fix: 'version' },
  { apiVersion: 'autoscaling/v2beta1', kinds: ['HorizontalPodAutoscaler'], to: 'autoscaling/v2', deprecatedIn: [1, 22], removedIn: [1, 25], fix: 'hpa-v2beta1' },
  { apiVersion: 'autoscaling/v2beta2', kinds: ['HorizontalPodAutoscaler'], to: 'autoscaling/v2', deprecatedIn: [1, 23], removedIn: [1, 26], fix: 'version' },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], to: 'rbac.authorization.k8s.io/v1', deprecatedIn: [1, 17], removedIn: [1, 22], fix: 'version' },
  { apiVersion: 'apiextensions.k8s.io/v1beta1', kinds: ['CustomResourceDefinition'], to: 'apiextensions.k8s.io/v1', deprecatedIn: [1, 16], removedIn: [1, 22], fix: null, note: 'v1 requires a structural schema per version' },
  { apiVersion: 'admissionregistration.k8s.io/v1beta1', kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], to: 'admissionregistration.k8s.io/v1', deprecatedIn: [1, 16], removedIn: [1, 22], fix: null, note: 'v1 requires sideEffects and admissionReviewVersions' },
  { apiVersion: 'apiregistration.k8s.io/v1beta1', kinds: ['APIService'], to: 'apiregistration.k8s.io/v1', deprecatedIn: [1, 19], removedIn: [1, 22], fix: 'version' },
  { apiVersion: 'scheduling.k8s.io/v1beta1', kinds: ['PriorityClass'], to: 'scheduling.k8s.io/v1', deprecatedIn: [1, 14], removedIn: [1, 22], fix: 'version' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['StorageClass', 'VolumeAttachment', 'CSIDriver', 'CSINode'], to: 'storage.k8s.io/v1', deprecatedIn: [1, 19], removedIn: [1, 22], fix: 'version' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], to: 'storage.k8s.io/v1', deprecatedIn: [1, 24], removedIn: [1, 27], fix: 'version' },
  { apiVersion: 'coordination.k8s.io/v1beta1', kinds: ['Lease'], to: 'coordination.k8s.io/v1', deprecatedIn: [1, 19], removedIn: [1, 22], fix: 'version' },
  { apiVersion: 'certificates.k8s.io/v1beta1', kinds: ['CertificateSigningRequest'], to: 'certificates.k8s.io/v1', deprecatedIn: [1, 19], removedIn: [1, 22], fix: null, note: 'v1 requires signerName' },
  { apiVersion: 'discovery.k8s.io/v1beta1', kinds: ['EndpointSlice'], to: 'discovery.k8s.io/v1', deprecatedIn: [1, 21], removedIn: [1, 25], fix: null, note: 'topology moved to nodeName and zone' },
  { apiVersion: 'events.k8s.io/v1beta1', kinds: ['Event'], to: 'events.k8s.io/v1', deprecatedIn: [1, 21], removedIn: [1, 25], fix: null, note: 'several fields were renamed' },
  { apiVersion: 'node.k8s.io/v1beta1', kinds: ['RuntimeClass'], to: 'node.k8s.io/v1', deprecatedIn: [1, 20], removedIn: [1, 25], fix: 'version' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], to: 'flowcontrol.apiserver.k8s.io/v1', deprecatedIn: [1, 23], removedIn: [1, 26], fix: null, note: 'assuredConcurrencyShares became nominalConcurrencyShares' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], to: 'flowcontrol.apiserver.k8s.io/v1', deprecatedIn: [1, 26], removedIn: [1, 29], fix: null, note: 'assuredConcurrencyShares became nominalConcurrencyShares' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], to: 'flowcontrol.apiserver.k8s.io/v1', deprecatedIn: [1, 29], removedIn: [1, 32], fix: 'version' },
]; // prettier-ignore

export function findApiMove(apiVersion: string, kind: string): ApiMove | undefined {
  return API_MOVES.find((m) => m.apiVersion === apiVersion && m.kinds.includes(kind));
}

/** The Kubernetes version checks target when configuration names none. */
export const DEFAULT_KUBERNETES_VERSION = '1.32.2';

/** `1.29`, `v1.29.3`, `1.29.0-eks` → [1, 29]; null when unreadable. */
export function parseVersion(s: string | null | undefined): Version | null {
  const m = /^\s*v?(\d+)\.(\d+)/.exec(s ?? '');
  return m ? [Number(m[1]), Number(m[2])] : null;
}

export function versionAtLeast(v: Version, min: Version): boolean {
  return v[0] > min[0] || (v[0] === min[0] && v[1] >= min[1]);
}

export function formatVersion(v: Version): string {
  return `${v[0]}.${v[1]}`;
}
