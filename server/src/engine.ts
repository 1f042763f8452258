import { analyze, type AnalyzeResult } from './core/analyze';
import { defaultConfig, type Config } from './core/config';
import type { Host, Language, Rule } from './core/rule';
import { detectLanguage } from './languages/detect';
import {
  createParseCache,
  dockerfileSuppressions,
  parseDockerfile,
  type DockerfileModel,
  type ParseCache,
} from './languages/dockerfile';
import { rules } from './rules';

export interface SourceFile {
  /** File system path or, for untitled documents, a name that decides the file kind. */
  name: string;
  languageId?: string;
  text: string;
}

export interface FileResult extends AnalyzeResult {
  language: Language;
}

/** A host for text that is not on disk: checks that need sibling files stay quiet. */
export const noFiles: Host = { exists: () => undefined };

function rulesFor(language: Language): readonly Rule[] {
  return rules.filter((r) => r.language === language);
}

const dockerfileRules = rulesFor('dockerfile') as readonly Rule<DockerfileModel>[];

/**
 * The analysis pipeline shared by the language server and the CLI: detect, parse (with a per-document
 * cache so edits re-parse only what changed), run rules, apply suppressions and configuration.
 */
export class Engine {
  private readonly caches = new Map<string, ParseCache>();

  analyze(file: SourceFile, config: Config = defaultConfig(), host: Host = noFiles): FileResult | null {
    const language = detectLanguage(file.name, file.languageId, file.text);
    if (language === 'dockerfile') {
      let cache = this.caches.get(file.name);
      if (!cache) {
        cache = createParseCache();
        this.caches.set(file.name, cache);
      }
      const model = parseDockerfile(stripBom(file.text), cache);
      const result = analyze({
        model,
        rules: dockerfileRules,
        suppressions: dockerfileSuppressions(model),
        config,
        host,
      });
      return { language, ...result };
    }
    return null;
  }

  forget(name: string): void {
    this.caches.delete(name);
  }
}

/**
 * A byte-order mark is kept out of the parse; it is one UTF-16 unit, so positions on the first line move
 * by one. Replacing it with nothing would shift columns, so it becomes a space instead.
 */
function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
}
