import type { LanguageSupport } from '../support';
import type { ComposeModel } from './model';
import { createComposeCache, parseCompose, type ComposeParseCache } from './parse';
import { composeSuppressions } from './suppressions';

/**
 * Compose files: parsed in cached pieces (see parse.ts), with the `.env` beside the file read for
 * interpolation, and YAML suppression comments.
 */
export const composeSupport: LanguageSupport<ComposeModel> = {
  language: 'compose',
  createCache: createComposeCache,
  parse: (text, cache, ctx) =>
    parseCompose(text, cache as ComposeParseCache, {
      name: ctx.name,
      dotEnv: ctx.host.read?.('.env'),
      ...(ctx.partial ? { partial: true } : {}),
    }),
  suppressions: (model) => composeSuppressions(model.doc),
};
