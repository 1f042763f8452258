import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig, type Config } from '../server/src/core/config';
import { SEVERITIES } from '../server/src/core/rule';
import { Engine } from '../server/src/engine';
import { rules } from '../server/src/rules';

const ALIAS =
  /^(hadolint:DL\d{4}|buildkit:[A-Z][A-Za-z]+|checkov:CKV2?_[A-Z0-9]+_\d+|trivy:(DS|KSV|AVD-[A-Z]+-)\d+|kube-linter:[a-z0-9-]+|polaris:[A-Za-z]+|dclint:[a-z0-9-]+|kics:[a-z0-9_]+)$/;

/** Rules that speak only with a `.hadolint.yaml` setting: the settings their docs examples assume. */
const EXAMPLE_SETTINGS: Record<string, Partial<Config>> = {
  'dockerfile/label-schema': { labelSchema: { 'org.opencontainers.image.version': 'semver' } },
  'dockerfile/untrusted-registry': { trustedRegistries: ['docker.io'] },
};

describe('rule catalog', () => {
  it('the index lists every rule file, sorted by id', () => {
    execFileSync(process.execPath, ['scripts/gen-rule-index.mjs', '--check']);
    const ids = rules.map((r) => r.id);
    assert.deepEqual(ids, [...ids].sort());
    assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  });

  it('docs pages and the README table are up to date', () => {
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/gen-docs.ts', '--check']);
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      it('is named by its path and has a table test', () => {
        const [lang, name] = rule.id.split('/');
        assert.equal(lang, rule.language);
        assert.ok(existsSync(join('server/src/rules', lang as string, `${name}.ts`)), 'rule file');
        assert.ok(existsSync(join('test/rules', lang as string, `${name}.test.ts`)), 'table test');
      });

      it('has complete metadata', () => {
        assert.ok(SEVERITIES.includes(rule.severity));
        assert.ok(rule.docs.summary.length > 10 && rule.docs.rationale.length > 40);
        assert.ok(Object.keys(rule.messages).length > 0);
        for (const a of rule.aliases) assert.match(a, ALIAS, `alias ${a} is namespaced`);
        if (rule.severity === 'error')
          assert.ok(!/best practice/i.test(rule.docs.summary), 'errors are for files the tools reject');
      });

      it('reports its bad example and not its good one', () => {
        const engine = new Engine();
        // A .dockerignore for the examples of dockerfile/copy-ignored-file; every other file is missing.
        const host = {
          fileName: 'Dockerfile',
          exists: () => false,
          read: (p: string) => (p === '.dockerignore' ? '.env\n' : undefined),
        };
        const name =
          rule.language === 'dockerfile'
            ? 'Dockerfile'
            : rule.language === 'compose'
              ? 'compose.yaml'
              : 'manifest.yaml';
        // Rules that are off by default are judged as a user who turned them on sees them.
        const config = (): Config => ({
          ...defaultConfig(),
          ...EXAMPLE_SETTINGS[rule.id],
          rules: rule.defaultOff ? { [rule.id]: rule.severity } : {},
        });
        const bad = engine.analyze({ name, text: rule.docs.bad }, config(), host);
        const good = new Engine().analyze({ name, text: rule.docs.good }, config(), host);
        assert.ok(bad && good);
        assert.ok(
          bad.findings.some((f) => f.ruleId === rule.id),
          'bad example fires',
        );
        assert.deepEqual(
          good.findings.filter((f) => f.ruleId === rule.id).map((f) => f.message),
          [],
          'good example is quiet',
        );
        assert.deepEqual(
          good.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId}: ${f.message}`),
          [],
          'good example has no errors',
        );
      });
    });
  }

  it('every rule directory holds only registered rules', () => {
    for (const lang of ['dockerfile', 'compose', 'kubernetes']) {
      const dir = join('server/src/rules', lang);
      if (!existsSync(dir)) continue;
      for (const f of readdirSync(dir))
        assert.ok(
          rules.some((r) => r.id === `${lang}/${f.replace(/\.ts$/, '')}`),
          f,
        );
    }
  });

  it('nothing a user reads uses the project\'s internal words ("seed")', () => {
    const internal = /\bseeds?\b/i;
    const texts: [where: string, text: string][] = [
      ...rules.flatMap((r): [string, string][] => [
        ...Object.entries(r.messages).map(([k, m]): [string, string] => [`${r.id} message ${k}`, m]),
        [`${r.id} summary`, r.docs.summary],
        [`${r.id} rationale`, r.docs.rationale],
      ]),
      ...['snippets/dockerfile.json', 'snippets/compose.json', 'snippets/kubernetes.json'].map(
        (f): [string, string] => [f, readFileSync(f, 'utf8')],
      ),
      ...['README.md', 'examples/README.md'].map((f): [string, string] => [f, readFileSync(f, 'utf8')]),
    ];
    assert.deepEqual(
      texts.filter(([, t]) => internal.test(t)).map(([w]) => w),
      [],
    );
  });
});
