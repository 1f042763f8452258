export * from './model';
export {
  createKubernetesCache,
  parseKubernetes,
  splitDocuments,
  stringMap,
  type KubernetesCache,
} from './parse';
export { annotationSkips, kubernetesSuppressions } from './suppressions';
export * from './query';
export * from './apis';
export * from './quantity';
