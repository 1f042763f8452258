import { kubernetesAssists } from './assists/kubernetes/hpa';
import { analyze, type AnalyzeResult } from './core/analyze';
import { defaultConfig, type Config } from './core/config';
import type { FixSpec, Host, Language, Rule } from './core/rule';
import type { Range, TextDoc } from './core/text';
import { composeSupport } from './languages/compose/support';
import { detectLanguage } from './languages/detect';
import { dockerfileSupport } from './languages/dockerfile/support';
import { kubernetesSupport } from './languages/kubernetes/support';
import type { LanguageSupport } from './languages/support';
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

const SUPPORT: Record<Language, LanguageSupport> = {
  dockerfile: dockerfileSupport as unknown as LanguageSupport,
  compose: composeSupport as unknown as LanguageSupport,
  // Assists write policy (rules' layer), so they are attached here rather than in languages/.
  kubernetes: { ...kubernetesSupport, assists: kubernetesAssists } as unknown as LanguageSupport,
};

const RULES: Record<Language, readonly Rule<{ doc: TextDoc }>[]> = {
  dockerfile: rules.filter((r) => r.language === 'dockerfile') as Rule<{ doc: TextDoc }>[],
  compose: rules.filter((r) => r.language === 'compose') as Rule<{ doc: TextDoc }>[],
  kubernetes: rules.filter((r) => r.language === 'kubernetes') as Rule<{ doc: TextDoc }>[],
};

interface Cached {
  language: Language;
  cache: unknown;
}

/**
 * The analysis pipeline shared by the language server and the CLI: detect, parse (with a per-document
 * cache so edits re-parse only what changed), run rules, apply suppressions and configuration.
 */
export class Engine {
  private readonly caches = new Map<string, Cached>();

  private cacheFor(name: string, language: Language): unknown {
    let c = this.caches.get(name);
    if (!c || c.language !== language) {
      c = { language, cache: SUPPORT[language].createCache() };
      this.caches.set(name, c);
    }
    return c.cache;
  }

  private parse(
    file: SourceFile,
    config: Config,
    host: Host,
  ): { language: Language; model: { doc: TextDoc } } | null {
    const language = detectLanguage(file.name, file.languageId, file.text);
    if (!language) return null;
    const support = SUPPORT[language];
    const model = support.parse(stripBom(file.text), this.cacheFor(file.name, language), {
      name: file.name,
      config,
      host,
    });
    return { language, model };
  }

  analyze(file: SourceFile, config: Config = defaultConfig(), host: Host = noFiles): FileResult | null {
    const parsed = this.parse(file, config, host);
    if (!parsed) return null;
    const { language, model } = parsed;
    const result = analyze({
      model,
      rules: RULES[language],
      suppressions: SUPPORT[language].suppressions(model),
      config,
      host,
    });
    return { language, ...result };
  }

  /** Refactorings offered at a range (see LanguageSupport.assists). */
  assists(file: SourceFile, range: Range, config: Config = defaultConfig(), host: Host = noFiles): FixSpec[] {
    const parsed = this.parse(file, config, host);
    if (!parsed) return [];
    const support = SUPPORT[parsed.language];
    try {
      return support.assists?.(parsed.model, range, { name: file.name, config, host }) ?? [];
    } catch {
      return [];
    }
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
