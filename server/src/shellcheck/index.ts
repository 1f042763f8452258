import { findingToMarked, hasBom, withoutBom } from '../core/bom';
import type { Config } from '../core/config';
import type { Finding } from '../core/rule';
import type { Suppressions } from '../core/suppress';
import type { TextDoc } from '../core/text';
import { detectLanguage } from '../languages/detect';
import { dockerfileSuppressions, parseDockerfile, type ParseCache } from '../languages/dockerfile';
import { shellcheckFindings, type ShellcheckComment } from './findings';
import { runScripts, type RunScript } from './scripts';

export { findShellcheck, runShellcheckSync, ShellcheckRunner } from './runner';
export { SHELLCHECK_ID, shellcheckDocsUrl, type ShellcheckComment } from './findings';
export type { Dialect, RunScript } from './scripts';

/** A Dockerfile's RUN scripts, ready to be handed to ShellCheck, and what maps its answers back. */
export interface ShellcheckInput {
  doc: TextDoc;
  bom: boolean;
  scripts: RunScript[];
  suppressions: Suppressions;
}

/** The RUN scripts of a file when it is a Dockerfile, else null. */
export function shellcheckInput(
  file: { name: string; languageId?: string; text: string },
  cache?: ParseCache,
): ShellcheckInput | null {
  const text = withoutBom(file.text);
  if (detectLanguage(file.name, file.languageId, text) !== 'dockerfile') return null;
  const model = parseDockerfile(text, cache);
  return {
    doc: model.doc,
    bom: hasBom(file.text),
    scripts: runScripts(model),
    suppressions: dockerfileSuppressions(model),
  };
}

/** ShellCheck's answers (by script key) as findings on the file as given. */
export function shellcheckResults(
  input: ShellcheckInput,
  results: ReadonlyMap<string, readonly ShellcheckComment[] | null>,
  config: Config,
): Finding[] {
  const found = shellcheckFindings(input.doc, input.scripts, results, input.suppressions, config);
  return input.bom ? found.map(findingToMarked) : found;
}
