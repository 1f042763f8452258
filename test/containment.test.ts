import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../server/src/core/analyze';
import { defaultConfig } from '../server/src/core/config';
import { defineRule, type Finding, type Rule } from '../server/src/core/rule';
import { noFiles } from '../server/src/engine';
import { composeSupport } from '../server/src/languages/compose/support';
import { dockerfileSupport } from '../server/src/languages/dockerfile/support';
import type { LanguageSupport } from '../server/src/languages/support';
import { rules } from '../server/src/rules';

/**
 * One rule that throws, while checking or while building its fix, must not take the other rules'
 * findings with it: analyze() reports it as an internal error and goes on (ARCHITECTURE.md, Invariants).
 */
const base = {
  severity: 'warning' as const,
  recommended: true,
  aliases: [],
  messages: { m: 'injected' },
  docs: { summary: 's', rationale: 'r', bad: 'b', good: 'g' },
};

function throwingCheck(language: 'dockerfile' | 'compose'): Rule {
  return defineRule({
    ...base,
    id: `${language}/injected-throw`,
    language,
    fix: null,
    check() {
      throw new TypeError('injected check failure');
    },
  });
}

function throwingFix(language: 'dockerfile' | 'compose'): Rule {
  return defineRule<{ doc: { lineCount: number } }>({
    ...base,
    id: `${language}/injected-fix-throw`,
    language,
    fix: 'safe',
    check(ctx) {
      ctx.report({
        at: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
        messageId: 'm',
        fix: () => {
          throw new RangeError('injected fix builder failure');
        },
      });
    },
  }) as Rule;
}

const listing = (fs: Finding[]): string[] =>
  fs.map(
    (f) =>
      `${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.ruleId}`,
  );

const CASES = [
  {
    language: 'dockerfile' as const,
    support: dockerfileSupport as unknown as LanguageSupport,
    text: 'FROM node:latest\nRUN apt-get install curl\nCMD node app.js\n',
  },
  {
    language: 'compose' as const,
    support: composeSupport as unknown as LanguageSupport,
    text: 'version: "3"\nservices:\n  web:\n    image: nginx:latest\n    privileged: true\n',
  },
];

describe('failure containment in analyze()', () => {
  for (const c of CASES) {
    const real = rules.filter((r) => r.language === c.language) as Rule[];
    const run = (list: Rule[]) => {
      const model = c.support.parse(c.text, c.support.createCache(), {
        name: c.language === 'compose' ? 'compose.yaml' : 'Dockerfile',
        config: defaultConfig(),
        host: noFiles,
      });
      return analyze({
        model,
        rules: list,
        suppressions: c.support.suppressions(model),
        config: defaultConfig(),
        host: noFiles,
      });
    };

    it(`${c.language}: a rule that throws first, in the middle and last leaves every other finding`, () => {
      const expected = run(real);
      assert.ok(expected.findings.length >= 3, 'the sample must have findings to lose');
      assert.deepEqual(expected.internalErrors, []);
      const middle = Math.floor(real.length / 2);
      const list = [
        throwingCheck(c.language),
        ...real.slice(0, middle),
        throwingCheck(c.language),
        ...real.slice(middle),
        throwingCheck(c.language),
      ];
      const got = run(list);
      assert.deepEqual(listing(got.findings), listing(expected.findings));
      assert.equal(got.internalErrors.length, 3);
      for (const e of got.internalErrors) {
        assert.equal(e.ruleId, `${c.language}/injected-throw`);
        assert.match(e.error, /TypeError: injected check failure/);
      }
    });

    it(`${c.language}: a fix builder that throws gives no fix and an internal error; other fixes still build`, () => {
      const got = run([throwingFix(c.language), ...real]);
      const broken = got.findings.find((f) => f.ruleId === `${c.language}/injected-fix-throw`);
      assert.ok(broken);
      assert.equal(broken.fixable, true);
      assert.deepEqual(broken.fixes(), []);
      assert.equal(got.internalErrors.length, 1);
      assert.match(got.internalErrors[0]?.error ?? '', /RangeError: injected fix builder failure/);
      // Asking again neither throws nor reports twice.
      assert.deepEqual(broken.fixes(), []);
      assert.equal(got.internalErrors.length, 1);
      const others = got.findings.filter((f) => f.fixable && f !== broken);
      assert.ok(others.length > 0);
      for (const f of others) assert.ok(f.fixes().length > 0, `${f.ruleId} still has its fix`);
    });
  }
});
