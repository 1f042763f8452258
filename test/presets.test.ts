import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyShipshapeConfig, defaultConfig, type Config } from '../server/src/core/config';
import { checkConfigText } from '../server/src/core/config-check';
import { PRESET_TABLE, presetLevel, type Preset } from '../server/src/core/presets';
import type { Host } from '../server/src/core/rule';
import { Engine } from '../server/src/engine';
import { rules } from '../server/src/rules';
import { loadConfig } from '../server/src/workspace';

const host: Host = { fileName: 'compose.yaml', exists: () => true };

/** A service with every gap the hardening rules know, a privileged one, and a Compose error. */
const COMPOSE = `services:
  web:
    image: nginx:1.27
    restart: always
  agent:
    image: busybox:1.36
    privileged: true
    ports:
      - "99999:80"
      - "8080:80"
`;

function findings(preset: Preset | null, extra = ''): string[] {
  const config: Config = applyShipshapeConfig({ ...defaultConfig(), preset }, extra);
  const r = new Engine().analyze({ name: 'compose.yaml', text: COMPOSE }, config, host);
  return (r?.findings ?? []).map((f) => `${f.range.start.line}:${f.ruleId}:${f.severity}`);
}

const ids = (list: string[]) => new Set(list.map((f) => f.split(':')[1]));

describe('presets', () => {
  it('name only rules that exist, in the table', () => {
    const known = new Set(rules.map((r) => r.id));
    for (const id of Object.keys(PRESET_TABLE)) assert.ok(known.has(id), `${id} is a rule`);
  });

  it('files start from recommended; defaultConfig() (rule tests) runs every rule', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-preset-'));
    assert.equal(loadConfig(join(dir, 'compose.yaml'), { root: dir }).preset, 'recommended');
    writeFileSync(join(dir, '.shipshape.yaml'), 'preset: strict\n');
    assert.equal(loadConfig(join(dir, 'compose.yaml'), { root: dir }).preset, 'strict');
    assert.equal(defaultConfig().preset, null);
  });

  it('minimal keeps only errors', () => {
    assert.deepEqual(findings('minimal'), ['8:compose/invalid-port:error']);
  });

  it('recommended: one grouped hardening finding per service, not the separate gaps', () => {
    const got = ids(findings('recommended'));
    assert.ok(got.has('compose/harden-service'));
    assert.ok(got.has('compose/privileged'));
    assert.ok(got.has('compose/invalid-port'));
    for (const id of [
      'compose/cap-drop-all',
      'compose/no-new-privileges',
      'compose/read-only-root',
      'compose/port-all-interfaces',
    ])
      assert.ok(!got.has(id), `${id} is not in recommended`);
  });

  it('strict: each gap on its own, never the grouped finding as well; opt-in rules stay off', () => {
    const got = ids(findings('strict'));
    for (const id of [
      'compose/cap-drop-all',
      'compose/no-new-privileges',
      'compose/read-only-root',
      'compose/log-rotation',
    ])
      assert.ok(got.has(id), `${id} is in strict`);
    assert.ok(!got.has('compose/harden-service'));
    assert.ok(!got.has('compose/port-all-interfaces'));
  });

  it('a level under rules: wins over the preset', () => {
    const got = findings(
      'minimal',
      'rules:\n  compose/port-all-interfaces: warning\n  compose/privileged: error\n',
    );
    assert.deepEqual(got, [
      '6:compose/privileged:error',
      '8:compose/invalid-port:error',
      '9:compose/port-all-interfaces:warning',
    ]);
  });

  it('every rule has a level in every preset, and minimal never turns a rule up', () => {
    for (const r of rules) {
      assert.ok(['errors', 'off'].includes(String(presetLevel('minimal', r))) || r.id in PRESET_TABLE, r.id);
      if (r.recommended && !(r.id in PRESET_TABLE))
        assert.equal(presetLevel('recommended', r), undefined, r.id);
    }
  });

  it('.shipshape.yaml: a wrong preset is a problem, read and checked', () => {
    const c = applyShipshapeConfig(defaultConfig(), 'preset: everything\n');
    assert.equal(c.preset, null);
    assert.deepEqual(c.problems, ['.shipshape.yaml: preset must be one of minimal, recommended, strict']);
    const problems = checkConfigText('preset: everything\n', 'shipshape', rules).map((p) => p.message);
    assert.deepEqual(problems, ['`preset` must be one of minimal, recommended, strict.']);
    assert.deepEqual(checkConfigText('preset: strict\n', 'shipshape', rules), []);
  });
});
