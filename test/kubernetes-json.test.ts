import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig } from '../server/src/core/config';
import { Engine, noFiles } from '../server/src/engine';
import { fixAll } from '../server/src/fix-all';
import { detectLanguage, walkCandidate } from '../server/src/languages/detect';

/**
 * Manifests written as JSON (kubectl reads JSON as the YAML it is) or in YAML flow style are Kubernetes
 * manifests; other JSON (package.json, tsconfig.json, schemas) is not. Fixes keep a JSON file JSON.
 */
const POD_JSON = `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {"name": "web"},
  "spec": {
    "containers": [
      {"name": "web", "image": "nginx:1.27", "imagePullPolicy": "always", "Ports": []}
    ]
  }
}
`;

describe('JSON and flow-style manifests', () => {
  describe('detection', () => {
    const cases: [name: string, languageId: string | undefined, text: string, expected: string | null][] = [
      ['pod.json', undefined, POD_JSON, 'kubernetes'],
      ['pod.json', 'json', POD_JSON, 'kubernetes'],
      ['untitled', 'json', POD_JSON, 'kubernetes'],
      ['pod.yaml', undefined, POD_JSON, 'kubernetes'],
      ['pod.yaml', undefined, '# a pod\n{apiVersion: v1, kind: Pod, metadata: {name: web}}\n', 'kubernetes'],
      ['pod.yaml', undefined, '---\n{"apiVersion": "v1", "kind": "Pod"}\n', 'kubernetes'],
      // A JSON manifest with a syntax error is still one, so the error is reported.
      ['broken.json', undefined, '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "web"\n}\n', 'kubernetes'],
      ['package.json', undefined, '{\n  "name": "app",\n  "version": "1.0.0",\n  "dependencies": {}\n}\n', null],
      ['tsconfig.json', undefined, '{\n  // comment\n  "compilerOptions": {"strict": true}\n}\n', null],
      ['list.json', undefined, '[{"apiVersion": "v1", "kind": "Pod"}]', null],
      // A schema whose properties are named apiVersion and kind is not an object of that kind.
      ['schema.json', undefined, '{"properties": {"apiVersion": {"type": "string"}, "kind": {"type": "string"}}}', null],
      ['nested.json', undefined, '{"spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment"}}}', null],
      ['kustomization.json', undefined, '{"apiVersion": "kustomize.config.k8s.io/v1beta1", "kind": "Kustomization"}', null],
      ['values.json', undefined, '{"apiVersion": 1, "kind": "Pod"}', null],
      ['pod.json', 'plaintext', POD_JSON, 'kubernetes'],
      // Helm templates stay out, flow-looking or not.
      ['deploy.yaml', undefined, '{{- if .Values.enabled }}\napiVersion: v1\nkind: Pod\n{{- end }}\n', null],
      ['deploy.yaml', undefined, '{apiVersion: v1, kind: Pod, metadata: {name: {{ .Release.Name }}}}\n', null],
      ['component.json', undefined, '{"apiVersion": "kustomize.config.k8s.io/v1alpha1", "kind": "Component"}', null],
    ]; // prettier-ignore
    for (const [name, languageId, text, expected] of cases)
      it(`${name} (${languageId ?? 'no language id'}): ${JSON.stringify(text.slice(0, 30))} → ${String(expected)}`, () => {
        assert.equal(detectLanguage(name, languageId, text), expected);
      });
  });

  describe('directory walks consider JSON files that may hold manifests', () => {
    const cases: [name: string, expected: boolean][] = [
      ['deployment.json', true],
      ['k8s/pod.JSON', true],
      ['manifest.yaml', true],
      ['Dockerfile', true],
      ['package.json', false],
      ['package-lock.json', false],
      ['tsconfig.build.json', false],
      ['.eslintrc.json', false],
      ['renovate.json', false],
      ['composer.lock.json', false],
      ['app.schema.json', false],
      ['bundle.min.json', false],
      ['README.md', false],
    ];
    for (const [name, expected] of cases)
      it(`${name} → ${String(expected)}`, () => assert.equal(walkCandidate(name), expected));
  });

  it('findings on a JSON manifest are placed on the JSON text', () => {
    const r = new Engine().analyze({ name: 'pod.json', text: POD_JSON }, defaultConfig(), noFiles);
    assert.ok(r);
    const schema = r.findings
      .filter((f) => f.ruleId === 'kubernetes/schema')
      .map(
        (f) =>
          `${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`,
      );
    // "always" (the value, quotes included) and the misspelt "Ports" key, on line 6.
    assert.deepEqual(schema, ['6:64-6:72', '6:74-6:81']);
  });

  it('fix-all keeps a JSON manifest JSON, and block-style fixes are not offered on it', () => {
    const engine = new Engine();
    const out = fixAll(engine, { name: 'pod.json', text: POD_JSON }, defaultConfig(), noFiles).text;
    assert.equal(out, POD_JSON.replace('"always"', '"Always"').replace('"Ports"', '"ports"'));
    assert.doesNotThrow(() => JSON.parse(out));
    const r = engine.analyze({ name: 'pod.json', text: out }, defaultConfig(), noFiles);
    const fixable = r?.findings.filter((f) => f.fixes().length > 0).map((f) => f.ruleId);
    assert.deepEqual(
      fixable,
      [],
      'missing-probes, missing-resources and security-context offer no block fix',
    );
  });

  it('a quoted apiVersion is replaced with its quotes', () => {
    const text = '{"apiVersion": "networking.k8s.io/v1beta1", "kind": "NetworkPolicy", "metadata": {"name": "n"}, "spec": {"podSelector": {}}}\n';
    const out = fixAll(new Engine(), { name: 'np.json', text }, defaultConfig(), noFiles).text;
    assert.equal(out, text.replace('v1beta1', 'v1'));
  }); // prettier-ignore

  it('"Add a HorizontalPodAutoscaler" is not offered on a JSON Deployment (a YAML document would break the JSON)', () => {
    const text = '{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"}, "spec": {"selector": {"matchLabels": {"app": "web"}}, "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}}}}\n';
    const at = { start: { line: 0, character: 5 }, end: { line: 0, character: 5 } };
    assert.deepEqual(new Engine().assists({ name: 'web.json', text }, at), []);
    const yaml = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n';
    assert.equal(new Engine().assists({ name: 'web.yaml', text: yaml }, at).filter((f) => /HorizontalPodAutoscaler/.test(f.title)).length, 1, 'offered on the same Deployment in block style');
  }); // prettier-ignore

  it('`shipshape lint DIR` lints the JSON manifests of a directory and leaves other JSON alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-json-'));
    try {
      writeFileSync(join(dir, 'pod.json'), POD_JSON);
      writeFileSync(join(dir, 'package.json'), '{"name": "app", "version": "1.0.0"}\n');
      writeFileSync(join(dir, 'data.json'), '{"apiVersion": 3}\n');
      const r = spawnSync(process.execPath, ['server/out/cli.js', 'lint', '--format', 'json', dir], { encoding: 'utf8' });
      const files = new Set((JSON.parse(r.stdout) as { file: string }[]).map((f) => f.file.split(/[\\/]/).pop()));
      assert.deepEqual([...files], ['pod.json']);
      assert.equal(r.stderr, '');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }); // prettier-ignore
});
