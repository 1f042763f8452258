import type { Document } from 'yaml';
import type { TextDoc } from '../../core/text';
import type { Node, Scalar, YAMLMap } from '../yaml/model';

/**
 * The Kubernetes model: every YAML document of a file, the documents that are Kubernetes objects
 * (`manifests`), the workloads among them mapped to their pod spec and containers, and indexes by kind so
 * that rules can look across the documents of a file (a Service's selector against the Deployments, an
 * HPA against its target).
 *
 * Model objects hold YAML nodes, never positions: documents are cached between parses and their nodes
 * moved when text before them changes, so ranges are computed when a rule reports (`nodeRange`).
 */

export interface KubernetesModel {
  doc: TextDoc;
  /** The document's name (a path for files on disk), when the engine parsed it: the workspace index keys. */
  file?: string;
  /**
   * Set on a model of one document of a file (`documentModel`, for the rule cache): the file's model, whose
   * objects the workspace view holds, so a cross-object rule run on one document sees the whole file.
   */
  whole?: KubernetesModel;
  /** Every YAML document of the file, in order, manifests or not. */
  documents: KDocument[];
  /** The documents that are Kubernetes objects: a mapping with string `apiVersion` and `kind`. */
  manifests: Manifest[];
  workloads: Workload[];
  services: Manifest[];
  ingresses: Manifest[];
  hpas: Manifest[];
  pdbs: Manifest[];
  configMaps: Manifest[];
  secrets: Manifest[];
  networkPolicies: Manifest[];
  serviceAccounts: Manifest[];
}

export interface KProblem {
  message: string;
  start: number;
  end: number;
  severity: 'error' | 'warning';
}

export interface KDocument {
  /** Position in the file, from 0. */
  index: number;
  ast: Document.Parsed;
  /** The top node, or null for an empty document. */
  contents: Node | null;
  /** Offsets of the document in the whole file (the `---` line included). */
  start: number;
  end: number;
  /** YAML syntax errors and warnings, with offsets in the whole file. */
  problems: KProblem[];
  manifest: Manifest | null;
}

export type WorkloadKind =
  | 'Pod'
  | 'Deployment'
  | 'StatefulSet'
  | 'DaemonSet'
  | 'ReplicaSet'
  | 'ReplicationController'
  | 'Job'
  | 'CronJob'
  | 'DeploymentConfig';

export interface Manifest {
  document: KDocument;
  root: YAMLMap;
  apiVersion: string;
  /** The API group: `apps`, `networking.k8s.io`, or `` for the core group (`apiVersion: v1`). */
  group: string;
  /** The version part of apiVersion (`v1`, `v1beta1`). */
  version: string;
  kind: string;
  apiVersionNode: Scalar;
  kindNode: Scalar;
  metadata: YAMLMap | null;
  name: string | undefined;
  nameNode: Scalar | null;
  namespace: string | undefined;
  labels: Map<string, string>;
  annotations: Map<string, string>;
  /**
   * Checks of other tools skipped by this object's annotations, as alias ids (`kube-linter:latest-tag`,
   * `polaris:tagNotSpecified`, `checkov:CKV_K8S_14`). Rules whose findings cover several such checks at
   * once use it to leave out the skipped parts; suppression of whole findings goes through the usual path.
   */
  skips: Set<string>;
  workload: Workload | null;
  /**
   * A partial object: a kustomize patch (listed as one by a kustomization, or written with strategic-merge
   * directives such as `$patch: delete`). The fields it leaves out come from the object it patches, so
   * nothing is missing from it; only what it writes is checked.
   */
  partial: boolean;
  /** The document uses strategic-merge directives (`$patch`, `$setElementOrder/…`, `$retainKeys`…). */
  patchDirectives: boolean;
}

export interface Workload {
  manifest: Manifest;
  kind: WorkloadKind;
  /** The mapping that holds `selector`, `replicas` and `template` (for a CronJob, its job template's spec). */
  spec: YAMLMap | null;
  /** The pod template (`template`), or null for a Pod, which is its own template. */
  template: YAMLMap | null;
  /** The pod's metadata: the template's, or the Pod's own. */
  podMetadata: YAMLMap | null;
  /** Labels the pods get. */
  podLabels: Map<string, string>;
  /** The pod spec: `spec` of a Pod, `template.spec` of the others. */
  podSpec: YAMLMap | null;
  containers: Container[];
  /** Jobs and CronJobs run to completion: probes and replicas do not apply to them. */
  batch: boolean;
}

export interface Container {
  workload: Workload;
  node: YAMLMap;
  /** `container` for `containers`, `init` for `initContainers`. */
  kind: 'container' | 'init';
  index: number;
  name: string | undefined;
  nameNode: Scalar | null;
  image: string | undefined;
  imageNode: Scalar | null;
  /**
   * An init container with `restartPolicy: Always` keeps running beside the app containers (a native
   * sidecar, Kubernetes 1.29+): it is checked like a regular container for probes.
   */
  sidecar: boolean;
}

export const WORKLOAD_GROUPS: Record<WorkloadKind, readonly string[]> = {
  Pod: [''],
  ReplicationController: [''],
  Deployment: ['apps', 'extensions'],
  StatefulSet: ['apps'],
  DaemonSet: ['apps', 'extensions'],
  ReplicaSet: ['apps', 'extensions'],
  Job: ['batch'],
  CronJob: ['batch'],
  // OpenShift's Deployment: the same pod template under spec.template, a plain map as selector.
  DeploymentConfig: ['apps.openshift.io'],
};
