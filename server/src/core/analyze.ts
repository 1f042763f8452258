import { configuredLevel, type Config } from './config';
import { presetLevel } from './presets';
import {
  formatMessage,
  type Finding,
  type Fix,
  type FixSpec,
  type Host,
  type Rule,
  type RuleContext,
} from './rule';
import { isEscalated, isSuppressed, type Suppressions } from './suppress';
import type { TextDoc } from './text';

export interface AnalyzeInput<M extends { doc: TextDoc }> {
  model: M;
  rules: readonly Rule<M>[];
  suppressions: Suppressions;
  config: Config;
  host: Host;
  /**
   * Runs one rule (by default `rule.check(ctx)`). A parser with per-document caches passes one that
   * replays what a rule reported on unchanged documents (languages/kubernetes/rule-cache.ts).
   */
  run?: (rule: Rule<M>, ctx: RuleContext<M>) => void;
}

export interface AnalyzeResult {
  findings: Finding[];
  /** Rules that threw. The rest of the analysis still runs; the host logs these. */
  internalErrors: { ruleId: string; error: string }[];
}

/** Runs rules over a parsed model. Pure and synchronous: the same input always gives the same findings. */
export function analyze<M extends { doc: TextDoc }>(input: AnalyzeInput<M>): AnalyzeResult {
  const { model, config, suppressions, host } = input;
  const run = input.run ?? ((rule: Rule<M>, ctx: RuleContext<M>) => rule.check(ctx));
  const findings: Finding[] = [];
  const internalErrors: AnalyzeResult['internalErrors'] = [];
  const settings = {
    trustedRegistries: config.trustedRegistries,
    kubernetesVersion: config.kubernetesVersion,
    labelSchema: config.labelSchema,
    strictLabels: config.strictLabels,
    podSecurity: config.podSecurity ?? 'off',
  };
  for (const rule of input.rules) {
    const own = config.rules[rule.id];
    const level = configuredLevel(config, rule.id, rule.aliases);
    // An alias turned off silences the whole rule only when the rule has no other alias a finding could
    // answer to; otherwise each finding is judged by its own aliases (`hadolint ignore DL3030` keeps dnf's).
    if (
      own === 'off' ||
      (own === undefined && rule.aliases.length > 0 && rule.aliases.every((a) => config.rules[a] === 'off'))
    )
      continue;
    if (level === undefined && config.onlyRecommended && !rule.recommended) continue;
    const anyOn =
      own !== undefined ||
      rule.aliases.some((a) => config.rules[a] !== undefined && config.rules[a] !== 'off');
    if (rule.defaultOff && !anyOn) continue;
    const preset = level === undefined && config.preset ? presetLevel(config.preset, rule) : undefined;
    if (preset === 'off') continue;
    const byPreset = preset === 'errors' ? undefined : preset;
    try {
      run(rule, {
        doc: model.doc,
        model,
        host,
        settings,
        report(r) {
          if (isSuppressed(suppressions, rule.id, r.aliases ?? rule.aliases, r.at)) return;
          const found = configuredLevel(config, rule.id, r.aliases ?? rule.aliases);
          if (found === 'off' || (found === undefined && rule.defaultOff)) return;
          const severity =
            found ??
            (isEscalated(suppressions, r.aliases ?? rule.aliases)
              ? 'error'
              : (r.severity ?? byPreset ?? rule.severity));
          if (preset === 'errors' && severity !== 'error') return;
          const template = rule.messages[r.messageId] ?? r.messageId;
          const make = r.fix;
          let cached: Fix[] | undefined;
          findings.push({
            ruleId: rule.id,
            severity,
            message: messageOf(template, r.data),
            // A copy: model positions are reused (and moved) by later incremental parses.
            range: { start: { ...r.at.start }, end: { ...r.at.end } },
            aliases: r.aliases ?? rule.aliases,
            fixable: make !== undefined && rule.fix !== null,
            fixes() {
              if (cached) return cached;
              cached = [];
              if (!make) return cached;
              let specs: FixSpec | readonly FixSpec[] | undefined;
              try {
                specs = make();
              } catch (e) {
                internalErrors.push({ ruleId: rule.id, error: String((e as Error).stack ?? e) });
                return cached;
              }
              const list: readonly FixSpec[] =
                specs === undefined ? [] : Array.isArray(specs) ? specs : [specs as FixSpec];
              cached = list.map((s, i) => ({
                title: s.title,
                kind: s.kind ?? rule.fix ?? 'unsafe',
                // Snapshots: edits may hold the model's own ranges, which later parses move in place.
                edits: s.edits.map((e) => ({
                  ...e,
                  range: { start: { ...e.range.start }, end: { ...e.range.end } },
                })),
                creates: s.creates ?? [],
                preferred: i === 0,
              }));
              return cached;
            },
          });
        },
      });
    } catch (e) {
      internalErrors.push({ ruleId: rule.id, error: String((e as Error).stack ?? e) });
    }
  }
  findings.sort(compareFindings);
  return { findings, internalErrors };
}

/** Messages by their data: findings a parse cache replays (rule-cache.ts) bring the same data every time. */
const messages = new WeakMap<object, { template: string; text: string }>();

function messageOf(template: string, data: Record<string, string | number> | undefined): string {
  if (!data) return template;
  const hit = messages.get(data);
  if (hit?.template === template) return hit.text;
  const text = formatMessage(template, data);
  messages.set(data, { template, text });
  return text;
}

/** The order findings are reported in: by position, then by rule id. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.ruleId.localeCompare(b.ruleId)
  );
}
