import type { LanguageSupport } from '../support';
import { isListedPatch } from './kustomize';
import type { KubernetesModel } from './model';
import { createKubernetesCache, parseKubernetes, type KubernetesCache } from './parse';
import { kubernetesSuppressions } from './suppressions';

/** Kubernetes' parser and suppressions. Its assists live in `assists/kubernetes/` (wired by the engine). */
export const kubernetesSupport: LanguageSupport<KubernetesModel> = {
  language: 'kubernetes',
  createCache: createKubernetesCache,
  parse: (text, cache, ctx) => ({
    ...parseKubernetes(text, cache as KubernetesCache, {
      patchFile: isListedPatch(ctx.name, ctx.host) === true,
    }),
    file: ctx.name,
  }),
  suppressions: kubernetesSuppressions,
};
