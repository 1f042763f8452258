import { kubernetesAssists } from './assists/kubernetes';
import { analyze, type AnalyzeInput, type AnalyzeResult } from './core/analyze';
import { findingToMarked, fixSpecToMarked, hasBom, rangeFromMarked } from './core/bom';
import { defaultConfig, type Config } from './core/config';
import type { Finding, Fix, FixSpec, Host, Language, Rule } from './core/rule';
import type { Range, TextDoc } from './core/text';
import type { IndexedObject } from './core/kubernetes-index';
import type { ComposeModel } from './languages/compose';
import { composeSupport } from './languages/compose/support';
import { detectLanguage } from './languages/detect';
import { dockerfileSupport } from './languages/dockerfile/support';
import type { KubernetesModel } from './languages/kubernetes/model';
import { ignoreFix } from './fixes/suppress';
import { kubernetesSupport } from './languages/kubernetes/support';
import { cachedRuleRunner } from './languages/kubernetes/rule-cache';
import { cachedRuleRunner as cachedStageRunner } from './languages/dockerfile/rule-cache';
import type { DockerfileModel } from './languages/dockerfile/model';
import { ownObjects } from './languages/kubernetes/workspace';
import type { LanguageSupport } from './languages/support';
import { rules } from './rules';
import { analyzeViews } from './views';

export interface SourceFile {
  /** File system path or, for untitled documents, a name that decides the file kind. */
  name: string;
  languageId?: string;
  /** The file kind chosen by the user (`--language`, "Treat as Compose"), over detection. */
  language?: Language;
  /** Read only as part of another file (see ParseContext.partial). */
  partial?: boolean;
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

/**
 * What a file over the size limit is still checked for: what keeps `docker build`, `docker compose` or
 * `kubectl` from reading it at all. Compose has no rule of its own for YAML syntax: `compose/schema`
 * reports it (its `yaml` messages) before the schema, so here it keeps only those reports, and does not
 * run when the parser found nothing, which spares the schema pass over a big file.
 */
const SYNTAX_RULES: Record<Language, readonly Rule<{ doc: TextDoc }>[]> = {
  dockerfile: RULES.dockerfile.filter((r) => r.id === 'dockerfile/syntax-error'),
  compose: (RULES.compose as readonly Rule<ComposeModel>[])
    .filter((r) => r.id === 'compose/schema')
    .map((r): Rule<ComposeModel> => ({
      ...r,
      check(ctx) {
        if (ctx.model.problems.length === 0) return;
        r.check({
          ...ctx,
          report: (rep) => {
            if (rep.messageId === 'yaml') ctx.report(rep);
          },
        });
      },
    })) as unknown as readonly Rule<{ doc: TextDoc }>[],
  kubernetes: RULES.kubernetes.filter((r) => r.id === 'kubernetes/syntax-error'),
};

export interface AnalyzeOptions {
  /** Only the syntax checks of the file's kind (SYNTAX_RULES): for files over the size limit. */
  syntaxOnly?: boolean;
}

interface Cached {
  language: Language;
  cache: unknown;
  /** The last model parsed, for `kubernetesObjects`. */
  model?: { doc: TextDoc };
}

/**
 * The analysis pipeline shared by the language server and the CLI: detect, parse (with a per-document
 * cache so edits re-parse only what changed), run rules, apply suppressions and configuration.
 */
export class Engine {
  private readonly caches = new Map<string, Cached>();
  /** Per parse cache, an owner for each of its views' rule caches. */
  private readonly viewOwners = new WeakMap<object, object[]>();

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
    // A byte-order mark is not content (see core/bom.ts): parse without it, report for the text as given.
    const text = hasBom(file.text) ? file.text.slice(1) : file.text;
    const language = file.language ?? detectLanguage(file.name, file.languageId, text);
    if (!language) return null;
    const support = SUPPORT[language];
    const model = support.parse(text, this.cacheFor(file.name, language), {
      name: file.name,
      config,
      host,
      ...(file.partial ? { partial: true } : {}),
    });
    const cached = this.caches.get(file.name);
    if (cached) cached.model = model;
    return { language, model };
  }

  analyze(
    file: SourceFile,
    config: Config = defaultConfig(),
    host: Host = noFiles,
    options: AnalyzeOptions = {},
  ): FileResult | null {
    const parsed = this.parse(file, config, host);
    if (!parsed) return null;
    const { language, model } = parsed;
    const support = SUPPORT[language];
    const cache = this.caches.get(file.name)?.cache;
    const moves = support.moves && cache !== undefined ? () => support.moves?.(cache) : undefined;
    const epoch = moves?.();
    const result = analyze({
      model,
      rules: (options.syntaxOnly ? SYNTAX_RULES : RULES)[language],
      suppressions: support.suppressions(model),
      config,
      host,
      // Rules that read one document (Kubernetes) or one stage (Dockerfile) at a time are re-run only on
      // the documents or stages an edit changed.
      ...(language === 'kubernetes' || language === 'dockerfile'
        ? { run: this.runnerFor(language, model, file.name) }
        : {}),
    });
    if (!options.syntaxOnly)
      analyzeViews(SUPPORT[language], model, RULES[language], config, host, result, (view, i) =>
        language === 'dockerfile' ? this.viewRunner(view, file.name, i) : undefined,
      );
    if (hasBom(file.text)) result.findings = result.findings.map(findingToMarked);
    // Fixes are built lazily from the model; once a later parse has moved its objects, they are built
    // from a fresh parse of the same text instead, so a fix asked for late is never misplaced.
    if (moves) {
      // One fresh analysis serves every finding that asks (fix-all asks for them all).
      let fresh: FileResult | null | undefined;
      const again = (): FileResult | null => (fresh ??= new Engine().analyze(file, config, host, options));
      result.findings = result.findings.map((f) =>
        f.fixable
          ? withFixesFrom(
              f,
              () => moves() !== epoch,
              () => sameFinding(again(), f)?.fixes() ?? [],
            )
          : f,
      );
    }
    return { language, ...result };
  }

  private runnerFor(
    language: 'kubernetes' | 'dockerfile',
    model: { doc: TextDoc },
    name: string,
  ): AnalyzeInput<{ doc: TextDoc }>['run'] {
    const owner = this.cacheFor(name, language) as object;
    const run =
      language === 'kubernetes'
        ? cachedRuleRunner(model as KubernetesModel, owner)
        : cachedStageRunner(model as DockerfileModel, owner);
    return run as unknown as AnalyzeInput<{ doc: TextDoc }>['run'];
  }

  /** A Dockerfile view's rule runner: its per-stage results are kept apart from the file's own. */
  private viewRunner(
    view: { doc: TextDoc },
    name: string,
    index: number,
  ): AnalyzeInput<{ doc: TextDoc }>['run'] {
    const cache = this.cacheFor(name, 'dockerfile') as object;
    let owners = this.viewOwners.get(cache);
    if (!owners) this.viewOwners.set(cache, (owners = []));
    const owner = (owners[index] ??= {});
    return cachedStageRunner(view as DockerfileModel, owner) as unknown as AnalyzeInput<{
      doc: TextDoc;
    }>['run'];
  }

  /** Refactorings offered at a range (see LanguageSupport.assists). */
  assists(file: SourceFile, range: Range, config: Config = defaultConfig(), host: Host = noFiles): FixSpec[] {
    const parsed = this.parse(file, config, host);
    if (!parsed) return [];
    const support = SUPPORT[parsed.language];
    const bom = hasBom(file.text);
    try {
      const at = bom ? rangeFromMarked(range) : range;
      const specs = support.assists?.(parsed.model, at, { name: file.name, config, host }) ?? [];
      return bom ? specs.map(fixSpecToMarked) : specs;
    } catch {
      return [];
    }
  }

  /**
   * The workspace index's entries for the Kubernetes objects of a document as last analysed, or undefined
   * when it is not a Kubernetes file.
   */
  kubernetesObjects(name: string): IndexedObject[] | undefined {
    const c = this.caches.get(name);
    return c?.language === 'kubernetes' && c.model ? ownObjects(c.model as KubernetesModel) : undefined;
  }

  /**
   * "Ignore this finding" for each of `findings`: a suppression comment where the file kind reads it
   * (fixes/suppress.ts), or undefined. The file is parsed once for all of them.
   */
  ignoreFixes(
    file: SourceFile,
    findings: readonly Finding[],
    config: Config = defaultConfig(),
    host: Host = noFiles,
  ): (FixSpec | undefined)[] {
    if (findings.length === 0) return [];
    const parsed = this.parse(file, config, host);
    if (!parsed) return findings.map(() => undefined);
    const bom = hasBom(file.text);
    return findings.map((f) => {
      const spec = ignoreFix(
        parsed.language,
        parsed.model,
        bom ? rangeFromMarked(f.range) : f.range,
        f.ruleId,
      );
      return spec && bom ? fixSpecToMarked(spec) : spec;
    });
  }

  forget(name: string): void {
    this.caches.delete(name);
  }
}

function withFixesFrom(f: Finding, moved: () => boolean, fresh: () => Fix[]): Finding {
  let built: Fix[] | undefined;
  return {
    ...f,
    fixes() {
      built ??= moved() ? fresh() : f.fixes();
      return built;
    },
  };
}

/** The finding of another analysis of the same text that is `f`: same rule, message and range. */
function sameFinding(other: FileResult | null, f: Finding): Finding | undefined {
  return other?.findings.find(
    (g) =>
      g.ruleId === f.ruleId && g.message === f.message && JSON.stringify(g.range) === JSON.stringify(f.range),
  );
}
