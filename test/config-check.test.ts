import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { checkConfigText, closest, configKind, type ConfigKind } from '../server/src/core/config-check';
import { applyEdits } from '../server/src/core/text';
import { rules } from '../server/src/rules';

/** A problem as `line:column-column code → replacement`, 1-based like the CLI prints it. */
function show(text: string, kind: ConfigKind): string[] {
  return checkConfigText(text, kind, rules).map(
    (p) =>
      `${p.range.start.line + 1}:${p.range.start.character + 1}-${p.range.end.character + 1} ${p.code}` +
      (p.replacement === undefined ? '' : ` → ${p.replacement}`),
  );
}

/** Configurations Shipshape reads as their authors meant: nothing to report. */
const valid: { kind: ConfigKind; text: string }[] = [
  { kind: 'shipshape', text: '' },
  { kind: 'shipshape', text: '# nothing configured yet\n' },
  {
    kind: 'shipshape',
    text:
      'rules:\n  dockerfile/no-latest-tag: off\n  "hadolint:DL3007": warning\n  kube-linter:latest-tag: hint\n' +
      'kubernetes:\n  version: "1.30"\nignore:\n  - charts/**\n  - "**/*.tmpl.yaml"\nonlyRecommended: true\n',
  },
  { kind: 'shipshape', text: 'rules:\r\n  dockerfile/json-args: error\r\n' },
  // ShellCheck's findings are configured by their ids, though they are no Shipshape rules.
  { kind: 'shipshape', text: 'rules:\n  shellcheck/SC2086: off\n  "hadolint:SC2046": info\n' },
  { kind: 'shipshape', text: 'kubernetes:\n  version: v1.29.3\n' },
  // hadolint codes Shipshape does not implement are still real hadolint codes: nothing to say about them.
  {
    kind: 'hadolint',
    text: 'ignored:\n  - DL3008\n  - DL3059\n  - SC2086\noverride:\n  error: [DL3003]\n  style: []\nfailure-threshold: warning\ntrustedRegistries:\n  - docker.io\n',
  },
  {
    kind: 'hadolint',
    text: 'format: json\nno-color: true\nno-fail: false\nverbose: true\nstrict-labels: true\n',
  },
  // Keys whose entries are all commented out are empty, for hadolint as for Shipshape.
  { kind: 'hadolint', text: 'ignored:\n  # - DL3008\noverride:\n  info:\n    # - DL3047\n' },
  { kind: 'shipshape', text: 'rules:\n  # dockerfile/json-args: off\nignore:\n' },
];

/** Mistakes, where they are reported and what the quick fix writes there. */
const invalid: { name: string; kind: ConfigKind; text: string; problems: string[] }[] = [
  {
    name: 'a rule id one letter off, a level from another linter',
    kind: 'shipshape',
    text: 'rules:\n  dockerfile/no-latest-tags: warn\n',
    problems: [
      '2:3-28 config/unknown-rule → dockerfile/no-latest-tag',
      '2:30-34 config/invalid-value → warning',
    ],
  },
  {
    name: 'a rule name without its language, an alias without its tool, false for off',
    kind: 'shipshape',
    text: 'rules:\n  no-root-user: off\n  DL3025: false\n',
    problems: [
      '2:3-15 config/unknown-rule → dockerfile/no-root-user',
      '3:3-9 config/unknown-rule → hadolint:DL3025',
      '3:11-16 config/invalid-value → off',
    ],
  },
  {
    name: 'quoted keys are replaced inside their quotes; capitalised levels',
    kind: 'shipshape',
    text: 'rules:\n  "dockerfile/json-arg": Warning\n',
    problems: ['2:4-23 config/unknown-rule → dockerfile/json-args', '2:26-33 config/invalid-value → warning'],
  },
  {
    name: 'an id nothing is close to: reported, no guess',
    kind: 'shipshape',
    text: 'rules:\n  my-company/no-curl: off\n',
    problems: ['2:3-21 config/unknown-rule'],
  },
  {
    name: 'unknown top-level and kubernetes keys; an unquoted version',
    kind: 'shipshape',
    text: 'ignores: []\nkubernetes:\n  versions: "1.30"\nonlyRecommended: true\n',
    problems: ['1:1-8 config/unknown-key → ignore', '3:3-11 config/unknown-key → version'],
  },
  {
    name: 'no replacement that would repeat a key already there',
    kind: 'shipshape',
    text: 'rules:\n  dockerfile/json-args: off\n  dockerfile/json-arg: off\nkubernetes:\n  version: 1.30\n',
    problems: ['3:3-22 config/unknown-rule', '5:12-16 config/invalid-value → "1.30"'],
  },
  {
    name: 'values of the wrong shape',
    kind: 'shipshape',
    text: 'rules: off\nignore: charts/**\nonlyRecommended: yes\n',
    problems: ['1:8-11 config/invalid-value', '2:9-18 config/invalid-value', '3:18-21 config/invalid-value'],
  },
  {
    name: 'YAML that does not parse',
    kind: 'shipshape',
    text: 'rules: [unclosed\n',
    problems: ['2:1-1 config/yaml'],
  },
  {
    name: 'hadolint codes in lower case or a digit short; an override level hadolint does not have',
    kind: 'hadolint',
    text: 'ignored:\n  - dl3007\n  - DL302\noverride:\n  warn:\n    - DL3002\n',
    problems: [
      '2:5-11 config/invalid-value → DL3007',
      '3:5-10 config/invalid-value',
      '5:3-7 config/unknown-key → warning',
    ],
  },
  {
    name: 'hadolint keys it skips without a word: overrides, trusted-registries',
    kind: 'hadolint',
    text: 'ignored: [dl3059]\noverrides:\n  error: [DL3003]\ntrusted-registries:\n  - docker.io\n',
    problems: [
      '1:11-17 config/invalid-value → DL3059',
      '2:1-10 config/unknown-key → override',
      '4:1-19 config/unknown-key → trustedRegistries',
    ],
  },
];

describe('configuration file checks', () => {
  for (const c of valid)
    it(`accepts ${JSON.stringify(c.text.slice(0, 50))} (${c.kind})`, () => {
      assert.deepEqual(show(c.text, c.kind), []);
    });

  for (const c of invalid)
    it(c.name, () => {
      assert.deepEqual(show(c.text, c.kind), c.problems);
    });

  it('each replacement makes its problem go away and adds none', () => {
    for (const c of invalid)
      for (const p of checkConfigText(c.text, c.kind, rules)) {
        if (p.replacement === undefined) continue;
        const fixed = applyEdits(c.text, [{ range: p.range, newText: p.replacement }]).text;
        const before = show(c.text, c.kind).length;
        assert.equal(show(fixed, c.kind).length, before - 1, `${c.name}: ${fixed}`);
      }
  });

  it('messages say what is wrong and what was probably meant', () => {
    const [id, level] = checkConfigText('rules:\n  dockerfile/no-latest-tags: warn\n', 'shipshape', rules);
    assert.equal(
      id?.message,
      'No Shipshape rule has the id or alias `dockerfile/no-latest-tags`, so this line has no effect. Did you mean `dockerfile/no-latest-tag`?',
    );
    assert.equal(
      level?.message,
      '`warn` is not a level: use off, hint, info, warning, error. Did you mean `warning`?',
    );
  });

  it('guesses only when one candidate is clearly closest', () => {
    assert.equal(closest('DL307', ['DL3007', 'DL3057']), undefined);
    assert.equal(closest('DL307', ['DL3007', 'DL4000']), 'DL3007');
    assert.equal(closest('kubernetes/no-such-thing', ['dockerfile/json-args']), undefined);
  });

  it('knows the configuration files by name', () => {
    assert.equal(configKind('/repo/.shipshape.yaml'), 'shipshape');
    assert.equal(configKind('C:\\repo\\.shipshape.yml'), 'shipshape');
    assert.equal(configKind('.hadolint.yml'), 'hadolint');
    assert.equal(configKind('shipshape.yaml'), null);
  });

  it('the generated JSON schema agrees with the checks on .shipshape.yaml', () => {
    const schema = JSON.parse(readFileSync('schemas/shipshape-config.schema.json', 'utf8')) as object;
    const validate = new Ajv({ strict: false }).compile(schema);
    for (const c of valid.filter((v) => v.kind === 'shipshape'))
      assert.ok(validate(parse(c.text) ?? {}), `${c.text}: ${JSON.stringify(validate.errors)}`);
    for (const c of invalid.filter((v) => v.kind === 'shipshape' && !v.problems[0]?.includes('config/yaml')))
      assert.ok(!validate(parse(c.text) ?? {}), `${c.name}: the schema accepts it`);
  });

  it('package.json names every rule id and alias for the shipshape.rules setting', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { propertyNames?: { enum: string[] } }> } };
    };
    const names = pkg.contributes.configuration.properties['shipshape.rules']?.propertyNames?.enum ?? [];
    assert.deepEqual(names, [...rules.map((r) => r.id), ...rules.flatMap((r) => r.aliases)].sort());
  });
});
