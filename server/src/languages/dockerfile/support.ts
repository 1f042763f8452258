import type { LanguageSupport } from '../support';
import type { DockerfileModel } from './model';
import { createParseCache, parseDockerfile, type ParseCache } from './parse';
import { dockerfileSuppressions } from './suppressions';

export const dockerfileSupport: LanguageSupport<DockerfileModel> = {
  language: 'dockerfile',
  createCache: createParseCache,
  parse: (text, cache) => parseDockerfile(text, cache as ParseCache),
  suppressions: dockerfileSuppressions,
  moves: (cache) => (cache as ParseCache).moves,
};
