/**
 * What the workspace index keeps of a Kubernetes object in another file: only the fields cross-object
 * checks read (who selects whom, which ports and names exist), as plain data, so it is small, can cross a
 * thread boundary and holds no YAML nodes. Built by `languages/kubernetes/workspace.ts`; handed to rules
 * through `Host.kubernetes`.
 */

/** A label selector: `matchLabels` and `matchExpressions`, or a Service's plain map (no expressions). */
export interface IndexedSelector {
  matchLabels: Record<string, string>;
  matchExpressions: { key: string; operator: string; values: string[] }[];
}

export interface IndexedPort {
  name?: string;
  number?: number;
}

export interface IndexedObject {
  /** The file it comes from (the engine's document name: a path for files on disk). */
  file: string;
  kind: string;
  /** The API group (`apps`, `` for the core group). */
  group: string;
  name?: string;
  namespace?: string;
  labels: Record<string, string>;
  /** A kustomize patch: it proves little about the object it patches (its labels, its ports). */
  partial: boolean;
  /**
   * Not an object but a file of templates (Helm, or `{{ }}` placeholders a script fills in) that holds
   * objects Shipshape cannot read: checks across files of its application stay quiet.
   */
  template?: boolean;
  /** Made by a kustomize generator (`configMapGenerator`, `secretGenerator`): in whatever namespace it is put. */
  generated?: boolean;
  /** Workloads: the labels their pods get, their declared container ports, `replicas` when a number. */
  podLabels?: Record<string, string>;
  containerPorts?: IndexedPort[];
  replicas?: number;
  /**
   * The pods it selects: a Service's selector, a workload's `spec.selector`, a PodDisruptionBudget's, a
   * NetworkPolicy's `podSelector`.
   */
  selector?: IndexedSelector;
  /** Services: their ports (`port` number and name). */
  servicePorts?: IndexedPort[];
  /** HorizontalPodAutoscalers: the target and `minReplicas`. */
  scaleTarget?: { kind: string; name: string };
  minReplicas?: number;
}

/**
 * The other files' objects. `complete` is false while the index is being built or when it stopped at its
 * bounds: a check that would report something missing then looks at the document alone.
 */
export interface KubernetesIndex {
  complete: boolean;
  objects: readonly IndexedObject[];
}
