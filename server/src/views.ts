import { analyze, compareFindings, type AnalyzeInput, type AnalyzeResult } from './core/analyze';
import type { Config } from './core/config';
import { pushAll } from './core/arrays';
import type { Host, Rule } from './core/rule';
import type { TextDoc } from './core/text';
import type { LanguageSupport } from './languages/support';

/** Per rule list, the rules that judge one instruction at a time (`instructionLocal`). */
const localRules = new WeakMap<readonly Rule<{ doc: TextDoc }>[], Rule<{ doc: TextDoc }>[]>();

/**
 * Runs the `instructionLocal` rules over the other readings of the file its language offers (a
 * Dockerfile's ONBUILD triggers) and adds their findings inside each view's `keep` to `result`, under the
 * same configuration and suppressions as the file's own findings. `runFor` gives the rule runner of each
 * view (its per-stage cache), as the engine gives the file's.
 */
export function analyzeViews(
  support: LanguageSupport,
  model: { doc: TextDoc },
  rules: readonly Rule<{ doc: TextDoc }>[],
  config: Config,
  host: Host,
  result: AnalyzeResult,
  runFor?: (view: { doc: TextDoc }, index: number) => AnalyzeInput<{ doc: TextDoc }>['run'],
): void {
  const views = support.views?.(model) ?? [];
  if (views.length === 0) return;
  let local = localRules.get(rules);
  if (!local) {
    local = rules.filter((r) => r.instructionLocal);
    localRules.set(rules, local);
  }
  const suppressions = support.suppressions(model);
  views.forEach((view, i) => {
    const run = runFor?.(view.model, i);
    const more = analyze({
      model: view.model,
      rules: local,
      suppressions,
      config,
      host,
      ...(run ? { run } : {}),
    });
    pushAll(
      result.findings,
      more.findings.filter((f) => view.keep(f.range)),
    );
    pushAll(result.internalErrors, more.internalErrors);
  });
  result.findings.sort(compareFindings);
}
