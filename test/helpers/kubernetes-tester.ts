import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { defaultConfig, type Config } from '../../server/src/core/config';
import type { Finding, Rule } from '../../server/src/core/rule';
import { applyFixGroups } from '../../server/src/core/text';
import { detectLanguage } from '../../server/src/languages/detect';
import type { KubernetesIndex } from '../../server/src/core/kubernetes-index';
import {
  kubernetesSuppressions,
  parseKubernetes,
  summarizeText,
  type KubernetesModel,
} from '../../server/src/languages/kubernetes';
import {
  chosenFixes,
  fmtRange,
  parseMarked,
  parseRange,
  sameTemplate,
  type InvalidCase,
  type ValidCase,
} from './rule-tester';

/**
 * Table tests for Kubernetes rules, the counterpart of rule-tester.ts (same case shapes, same `~` range
 * markers under the code). Cases may set configuration (`kubernetes.version`, rule levels). After a fix
 * the tester checks that the text is still YAML (no new syntax problem), still a Kubernetes manifest, and
 * that the rule is quiet.
 */
export interface KubernetesValidCase extends ValidCase {
  config?: Partial<Config>;
  /**
   * Other files of the workspace (name → text), indexed as the language server and the CLI index them;
   * the case's own text is `app/manifest.yaml`. Set `incomplete` to hand the rule an index still being built.
   */
  workspace?: Record<string, string>;
  incomplete?: boolean;
  /** The file name (detection and suppressions do not depend on it; kept for messages). */
  fileName?: string;
}

export interface KubernetesInvalidCase extends InvalidCase {
  config?: Partial<Config>;
  workspace?: Record<string, string>;
  incomplete?: boolean;
  fileName?: string;
}

export interface KubernetesTable {
  valid: (KubernetesValidCase | string)[];
  invalid: KubernetesInvalidCase[];
}

type KRule = Rule<KubernetesModel>;

/** A case's configuration; a rule that is off by default is turned on, as a user who wants it would. */
function configOf(c: { config?: Partial<Config> }, rule?: KRule): Config {
  const config = { ...defaultConfig(), ...(c.config ?? {}) };
  if (rule?.defaultOff) config.rules = { [rule.id]: rule.severity, ...config.rules };
  return config;
}

/** The index of a case's other files. */
export function indexOf(c: {
  workspace?: Record<string, string>;
  incomplete?: boolean;
}): KubernetesIndex | undefined {
  if (!c.workspace) return undefined;
  const objects = Object.entries(c.workspace).flatMap(([name, text]) => summarizeText(name, text));
  return { complete: c.incomplete !== true, objects };
}

export function runKubernetesRule(
  rule: KRule,
  text: string,
  config: Config = defaultConfig(),
  kubernetes?: KubernetesIndex,
): Finding[] {
  const model = { ...parseKubernetes(text), file: 'app/manifest.yaml' };
  const result = analyze({
    model,
    rules: [rule],
    suppressions: kubernetesSuppressions(model),
    config,
    host: { fileName: 'manifest.yaml', exists: () => undefined, ...(kubernetes ? { kubernetes } : {}) },
  });
  assert.deepEqual(result.internalErrors, [], 'the rule threw');
  return result.findings;
}

function yamlProblems(text: string): number {
  return parseKubernetes(text).documents.reduce((n, d) => n + d.problems.length, 0);
}

export function testKubernetesRule(rule: KRule, table: KubernetesTable): void {
  describe(rule.id, () => {
    table.valid.forEach((c, i) => {
      const vc: KubernetesValidCase = typeof c === 'string' ? { code: c } : c;
      it(`valid: ${vc.name ?? `#${i + 1}`}`, () => {
        const { text } = parseMarked(vc.code);
        const found = runKubernetesRule(rule, text, configOf(vc, rule), indexOf(vc));
        assert.deepEqual(
          found.map((f) => `${fmtRange(f.range)} ${f.message}`),
          [],
          'expected no findings',
        );
      });
    });
    table.invalid.forEach((c, i) => {
      it(`invalid: ${c.name ?? `#${i + 1}`}`, () => {
        const { text, ranges } = parseMarked(c.code);
        assert.equal(
          detectLanguage(c.fileName ?? 'manifest.yaml', undefined, text),
          'kubernetes',
          'the case is detected as a Kubernetes manifest',
        );
        const expected = [...ranges, ...(c.ranges ?? []).map(parseRange)].map(fmtRange).sort();
        const config = configOf(c, rule);
        const found = runKubernetesRule(rule, text, config, indexOf(c));
        assert.deepEqual(
          found.map((f) => fmtRange(f.range)).sort(),
          expected,
          `finding ranges; messages: ${found.map((f) => f.message).join(' | ')}`,
        );
        if (c.messageIds) {
          const ids = found.map(
            (f) => Object.entries(rule.messages).find(([, m]) => sameTemplate(m, f.message))?.[0],
          );
          assert.deepEqual(ids, c.messageIds, 'message ids');
        }
        if (c.output === undefined) return;
        const fixes = chosenFixes(found, c.output, c.fixTitle, /changes|behaviour|behavior/i);
        if (!fixes) return;
        const { text: fixed } = applyFixGroups(
          text,
          fixes.map((f) => f.edits),
        );
        assert.equal(fixed, c.output, 'fixed text');
        assert.ok(
          yamlProblems(fixed) <= yamlProblems(text),
          'the fixed text re-parses without new YAML problems',
        );
        assert.equal(detectLanguage('manifest.yaml', undefined, fixed), 'kubernetes', 'still a manifest');
        const after = runKubernetesRule(rule, fixed, config, indexOf(c));
        assert.deepEqual(
          after.map((f) => `${fmtRange(f.range)} ${f.message}`),
          [],
          'the rule is quiet after the fix',
        );
      });
    });
  });
}
