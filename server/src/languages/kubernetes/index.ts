export * from './model';
export {
  createKubernetesCache,
  parseKubernetes,
  splitDocuments,
  stringMap,
  type KubernetesCache,
  type KubernetesParseOptions,
} from './parse';
export { hasPatchDirective, isListedPatch, isPatchDirective, listedPatches } from './kustomize';
export { annotationSkips, kubernetesSuppressions } from './suppressions';
export * from './query';
export * from './apis';
export * from './quantity';
export * from './workspace';
export * from './names';
export * from './rbac';
export * from './credentials';
export * from './pod-security';
