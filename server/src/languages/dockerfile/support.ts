import type { LanguageSupport } from '../support';
import type { DockerfileModel } from './model';
import { createParseCache, parseDockerfile, type ParseCache } from './parse';
import { dockerfileSuppressions } from './suppressions';
import { inTrigger, triggerView } from './triggers';

export const dockerfileSupport: LanguageSupport<DockerfileModel> = {
  language: 'dockerfile',
  createCache: createParseCache,
  parse: (text, cache) => parseDockerfile(text, cache as ParseCache),
  suppressions: dockerfileSuppressions,
  moves: (cache) => (cache as ParseCache).moves,
  views(model) {
    const view = triggerView(model);
    return view ? [{ model: view.model, keep: (range) => inTrigger(view, range) }] : [];
  },
};
