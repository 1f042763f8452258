import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

const CLI = join(process.cwd(), 'server/out/cli.js');

/** The rule ids `shipshape lint --format json` reports, sorted and without repeats. */
function ruleIds(args: string[], cwd: string): { code: number; ids: string[]; err: string } {
  const r = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', ...args], {
    cwd,
    encoding: 'utf8',
  });
  const found = r.stdout ? (JSON.parse(r.stdout) as { ruleId: string }[]) : [];
  return { code: r.status ?? -1, ids: [...new Set(found.map((f) => f.ruleId))].sort(), err: r.stderr };
}

// A development stack: one missing health check, no limits, and one error Compose itself rejects.
const STACK = [
  'services:',
  '  web:',
  '    image: nginx:1.27',
  '    depends_on: [db]',
  '  db:',
  '    image: postgres:16',
  '    healthcheck:',
  '      test: [pg_isready]',
  '',
].join('\n');

describe('shipshape lint --preset', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-preset-'));
    writeFileSync(join(dir, 'compose.yaml'), STACK);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('minimal keeps only the errors', () => {
    const r = ruleIds(['--preset', 'minimal', 'compose.yaml'], dir);
    assert.deepEqual(r.ids, ['compose/invalid-healthcheck-test']);
    assert.equal(r.code, 1);
  });

  it('strict reports more than the default (recommended), which reports more than minimal', () => {
    const recommended = ruleIds(['compose.yaml'], dir).ids;
    const strict = ruleIds(['--preset=strict', 'compose.yaml'], dir).ids;
    assert.ok(recommended.includes('compose/invalid-healthcheck-test'));
    assert.ok(!recommended.includes('compose/resource-limits'), 'limits are not advice for a dev stack');
    assert.ok(strict.includes('compose/resource-limits'));
    assert.ok(recommended.every((id) => strict.includes(id) || id === 'compose/harden-service'));
  });

  it('.shipshape.yaml rule levels still win over the preset', () => {
    writeFileSync(join(dir, '.shipshape.yaml'), 'rules:\n  compose/invalid-healthcheck-test: off\n');
    try {
      assert.deepEqual(ruleIds(['--preset', 'minimal', 'compose.yaml'], dir).ids, []);
    } finally {
      rmSync(join(dir, '.shipshape.yaml'));
    }
  });

  it('an unknown preset is a usage error', () => {
    const r = ruleIds(['--preset', 'lenient', 'compose.yaml'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown preset lenient/);
  });
});
