import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { defaultConfig } from '../server/src/core/config';
import type { Host } from '../server/src/core/rule';
import { applyFixGroups, type Range } from '../server/src/core/text';
import { Engine } from '../server/src/engine';
import { fixAll } from '../server/src/fix-all';
import { detectLanguage } from '../server/src/languages/detect';

/**
 * A byte-order mark is not content (YAML 1.2 §5.2, BuildKit drops it): files are analysed as without it,
 * positions are those of the text as given (the mark is one UTF-16 unit, so line-0 columns move by one)
 * and fixed text keeps the mark at its start.
 */
const BOM = '\ufeff';
const noHost: Host = { exists: () => undefined };

function findings(name: string, text: string): string[] {
  const r = new Engine().analyze({ name, text }, defaultConfig(), noHost);
  assert.ok(r, `${name} is analysed`);
  return r.findings.map(
    (f) =>
      `${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.ruleId}`,
  );
}

function fmt(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

function fixed(name: string, text: string): string {
  return fixAll(new Engine(), { name, text }, defaultConfig(), noHost).text;
}

const NETPOL =
  'apiVersion: networking.k8s.io/v1beta1\nkind: NetworkPolicy\nmetadata:\n  name: np\nspec:\n  podSelector: {}\n';
const CONFIGMAP =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  Labels: {}\ndata:\n  LOG: info\n';

describe('byte-order marks', () => {
  describe('detection', () => {
    const cases: [name: string, text: string, expected: string | null][] = [
      ['manifest.yaml', BOM + NETPOL, 'kubernetes'],
      ['manifest.yaml', BOM + '---\n' + NETPOL, 'kubernetes'],
      ['manifest.yml', BOM + '# comment\r\n' + NETPOL.replace(/\n/g, '\r\n'), 'kubernetes'],
      ['values.yaml', BOM + 'replicaCount: 1\n', null],
      ['pod.json', BOM + '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}}', 'kubernetes'],
    ];
    for (const [name, text, expected] of cases)
      it(`${JSON.stringify(text.slice(0, 20))} in ${name} → ${String(expected)}`, () => {
        assert.equal(detectLanguage(name, undefined, text), expected);
        // An editor that calls the file YAML is right: JSON is YAML.
        assert.equal(detectLanguage(name, 'yaml', text), expected);
      });
  });

  describe('positions are those of the text as given', () => {
    const cases: [name: string, text: string, expected: string[]][] = [
      // The apiVersion value starts at column 12 without the mark, 13 with it.
      ['manifest.yaml', BOM + NETPOL, ['0:13-0:38 kubernetes/schema']],
      // No YAML syntax errors for a mark before `---`, and later lines do not move.
      ['manifest.yaml', BOM + '---\n' + CONFIGMAP, ['5:2-5:8 kubernetes/schema']],
      ['manifest.yaml', '---\n' + CONFIGMAP, ['5:2-5:8 kubernetes/schema']],
      ['compose.yaml', BOM + 'version: "3.8"\nservices: {}\n', ['0:1-0:15 compose/obsolete-version']],
      [
        'Dockerfile',
        BOM + 'FROM alpine\nUSER app\nCMD run\n',
        ['0:6-0:12 dockerfile/no-latest-tag', '2:4-2:7 dockerfile/json-args'],
      ],
    ];
    for (const [name, text, expected] of cases)
      it(`${name}: ${JSON.stringify(text.slice(0, 24))}`, () => {
        assert.deepEqual(findings(name, text), expected);
      });
  });

  it('for any file, a leading mark moves line-0 columns by one and changes nothing else', () => {
    const pieces = [
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  Labels: {}\n',
      'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: i}\n',
      '---\n',
      '# comment\n',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 1\n',
      'FROM alpine\n',
      'services:\n  web:\n    image: nginx\n',
      'version: "3"\n',
      '  bad: [indent\n',
    ];
    const names = ['m.yaml', 'Dockerfile', 'compose.yaml', 'm.json'];
    const shift = (r: Range): string =>
      `${r.start.line}:${r.start.character + (r.start.line === 0 ? 1 : 0)}-${r.end.line}:${r.end.character + (r.end.line === 0 ? 1 : 0)}`;
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (name, parts, crlf) => {
          let text = parts.join('');
          if (crlf) text = text.replace(/\n/g, '\r\n');
          const plain = new Engine().analyze({ name, text }, defaultConfig(), noHost);
          const marked = new Engine().analyze({ name, text: BOM + text }, defaultConfig(), noHost);
          assert.equal(marked?.language, plain?.language);
          assert.deepEqual(
            marked?.findings.map((f) => `${fmt(f.range)} ${f.ruleId} ${f.message}`),
            plain?.findings.map((f) => `${shift(f.range)} ${f.ruleId} ${f.message}`),
          );
          if (plain) assert.equal(fixed(name, BOM + text), BOM + fixed(name, text));
        },
      ),
      { numRuns: 60 },
    );
  });

  describe('fixed text keeps the mark at its start', () => {
    const cases: [name: string, text: string, expected: string][] = [
      ['manifest.yaml', BOM + NETPOL, BOM + NETPOL.replace('v1beta1', 'v1')],
      ['manifest.yaml', BOM + '---\r\n' + NETPOL.replace(/\n/g, '\r\n'), BOM + '---\r\n' + NETPOL.replace('v1beta1', 'v1').replace(/\n/g, '\r\n')],
      ['compose.yaml', BOM + 'version: "3.8"\nservices: {}\n', BOM + 'services: {}\n'],
    ]; // prettier-ignore
    for (const [name, text, expected] of cases)
      it(`${name}: ${JSON.stringify(text.slice(0, 24))}`, () => {
        assert.equal(fixed(name, text), expected);
      });

    it('the builder/runtime split inserts the builder stage after the mark, not before FROM', () => {
      const text =
        BOM +
        'FROM python:3.12-slim\nWORKDIR /app\n' +
        'RUN apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev && rm -rf /var/lib/apt/lists/*\n' +
        'COPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD ["gunicorn", "app:app"]\n';
      const r = new Engine().analyze({ name: 'Dockerfile', text }, defaultConfig(), noHost);
      const split = r?.findings
        .find((f) => f.ruleId === 'dockerfile/toolchain-in-final-stage')
        ?.fixes()
        .find((f) => f.title.startsWith('Split'));
      assert.ok(split, 'the split is offered');
      const out = applyFixGroups(text, [split.edits]).text;
      assert.ok(out.startsWith(BOM + '# Build stage'), JSON.stringify(out.slice(0, 20)));
      assert.equal(out.split(BOM).length, 2, 'one mark, at the start');
      assert.match(out, /\nFROM python:3\.12-slim\nWORKDIR/);
    });

    it('assists take and give positions in the text as given', () => {
      const deploy =
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n' +
        '  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n';
      const at = { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } };
      const [plain] = new Engine().assists({ name: 'd.yaml', text: deploy }, at);
      const [marked] = new Engine().assists({ name: 'd.yaml', text: BOM + deploy }, at);
      assert.ok(plain && marked);
      assert.equal(
        applyFixGroups(BOM + deploy, [marked.edits]).text,
        BOM + applyFixGroups(deploy, [plain.edits]).text,
      );
    });
  });
});
