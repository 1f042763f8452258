import type { Config } from '../core/config';
import type { FixSpec, Host, Language } from '../core/rule';
import type { Suppressions } from '../core/suppress';
import type { Range, TextDoc } from '../core/text';

export interface ParseContext {
  /** The document's name (path or untitled name). */
  name: string;
  config: Config;
  host: Host;
  /** The file is read only as part of another (a Compose file other files only `extends`). */
  partial?: boolean;
}

/**
 * What the engine needs from a file kind: a parser with a per-document cache (so an edit re-parses only
 * what changed), suppressions, and optional assists: refactorings offered at a position whether or not
 * there is a finding there (for example "Add a HorizontalPodAutoscaler" on a Deployment).
 */
export interface LanguageSupport<M extends { doc: TextDoc } = { doc: TextDoc }> {
  language: Language;
  createCache(): unknown;
  parse(text: string, cache: unknown, ctx: ParseContext): M;
  suppressions(model: M): Suppressions;
  assists?(model: M, range: Range, ctx: ParseContext): FixSpec[];
  /**
   * For parsers that move cached model objects in place: a count that changes whenever they do. Findings
   * of a model parsed before the count changed get their fixes from a fresh parse (see Engine.analyze).
   */
  moves?(cache: unknown): number;
  /**
   * Other readings of the file that the rules declaring `instructionLocal` check too (a Dockerfile's
   * ONBUILD triggers as the instructions they register); only their findings inside `keep` count.
   */
  views?(model: M): ModelView<M>[];
}

export interface ModelView<M> {
  model: M;
  keep(range: Range): boolean;
}
