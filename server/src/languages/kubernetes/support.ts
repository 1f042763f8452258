import type { LanguageSupport } from '../support';
import type { KubernetesModel } from './model';
import { createKubernetesCache, parseKubernetes, type KubernetesCache } from './parse';
import { kubernetesSuppressions } from './suppressions';

/** Kubernetes' parser and suppressions. Its assists live in `assists/kubernetes/` (wired by the engine). */
export const kubernetesSupport: LanguageSupport<KubernetesModel> = {
  language: 'kubernetes',
  createCache: createKubernetesCache,
  parse: (text, cache) => parseKubernetes(text, cache as KubernetesCache),
  suppressions: kubernetesSuppressions,
};
