import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine } from '../server/src/engine';
import { parseCompose } from '../server/src/languages/compose';
import { parseKubernetes } from '../server/src/languages/kubernetes/parse';
import { deref, parseYamlFile, type Node } from '../server/src/languages/yaml/model';

/**
 * Alias bombs: nine anchors, each a list of nine aliases of the one before, are half a kilobyte of text
 * that expands to hundreds of millions of values. go-yaml (Compose's and kubectl's reader) refuses such
 * a document ("excessive aliasing"); Shipshape reports it once and expands nothing.
 */
function bomb(prefix: string, indent = ''): string {
  const lines = [`${indent}a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`];
  for (let i = 1; i < 9; i++)
    lines.push(`${indent}a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`);
  return prefix + lines.join('\n') + '\n';
}

const composeBomb =
  bomb('').replace(/^a(\d):/gm, 'x-a$1:') + 'services:\n  web:\n    image: nginx:1.27\n    command: *a8\n';
const kubernetesBomb = bomb(
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          args: *a8\n      x:\n',
  '        ',
);

const EXCESSIVE = /aliases in this document expand to [0-9,]+ values|more than a billion values/;

describe('YAML alias bombs', () => {
  it('Compose: one error on the alias that expands most, aliases left unlinked', () => {
    const m = parseCompose(composeBomb);
    const found = m.problems.filter((p) => EXCESSIVE.test(p.message));
    assert.equal(found.length, 1);
    assert.equal(found[0]?.severity, 'error');
    assert.deepEqual([found[0]?.range.start.line, found[0]?.range.start.character], [12, 13]);
    assert.equal(deref(m.serviceByName.get('web')?.get('command')?.pair.value as Node), null);
  });

  it('Compose, whole-file parse (several documents): the same error', () => {
    const m = parseCompose(composeBomb + '---\nx: 1\n');
    assert.equal(m.problems.filter((p) => EXCESSIVE.test(p.message)).length, 1);
  });

  it('Kubernetes: the same error on the document, aliases left unlinked', () => {
    const file = parseYamlFile(kubernetesBomb);
    assert.equal(file.documents[0]?.problems.filter((p) => EXCESSIVE.test(p.message)).length, 1);
    const m = parseKubernetes(kubernetesBomb);
    assert.equal(m.documents[0]?.problems.filter((p) => EXCESSIVE.test(p.message)).length, 1);
  });

  it('the engine analyses both bombs and reports the error once each', () => {
    const engine = new Engine();
    for (const [name, text, ruleId] of [
      ['compose.yaml', composeBomb, 'compose/schema'],
      ['deploy.yaml', kubernetesBomb, 'kubernetes/syntax-error'],
    ] as const) {
      const r = engine.analyze({ name, text });
      const hits = (r?.findings ?? []).filter((f) => EXCESSIVE.test(f.message));
      assert.deepEqual(
        hits.map((f) => [f.ruleId, f.severity]),
        [[ruleId, 'error']],
        name,
      );
    }
  });

  it('merge keys that fan out the same way are refused too, before any mapping is merged', () => {
    const lines = ['x-m0: &m0 { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9 }'];
    for (let i = 1; i < 9; i++)
      lines.push(`x-m${i}: &m${i} { <<: [${Array.from({ length: 9 }, () => `*m${i - 1}`).join(', ')}] }`);
    lines.push('services:', '  web:', '    image: nginx:1.27', '    labels: { <<: *m8 }');
    const r = new Engine().analyze({ name: 'compose.yaml', text: lines.join('\n') + '\n' });
    assert.equal((r?.findings ?? []).filter((f) => EXCESSIVE.test(f.message)).length, 1);
  });

  it('aliases go-yaml accepts are followed: 300 services merging a shared base', () => {
    const lines = ['x-base: &base', '  restart: unless-stopped', '  environment: &env'];
    for (let i = 0; i < 40; i++) lines.push(`    K${i}: v${i}`);
    lines.push('services:');
    for (let i = 0; i < 300; i++)
      lines.push(`  s${i}:`, '    <<: *base', '    image: nginx:1.27', '    labels: *env');
    const m = parseCompose(lines.join('\n') + '\n');
    assert.deepEqual(m.problems, []);
    assert.equal(m.serviceByName.get('s299')?.get('restart')?.merged, true);
  });

  it('a small document that is mostly aliases, below go-yaml’s 99% share, is read', () => {
    const list = `[${Array.from({ length: 100 }, (_, i) => i).join(',')}]`;
    const text = `x-a: &a ${list}\nservices:\n  web:\n    image: nginx:1.27\n    labels:\n${Array.from({ length: 20 }, (_, i) => `      l${i}: *a`).join('\n')}\n`;
    assert.deepEqual(parseCompose(text).problems, []);
    assert.deepEqual(parseYamlFile(text).documents[0]?.problems, []);
  });
});
