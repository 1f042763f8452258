import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyShipshapeConfig, defaultConfig } from '../server/src/core/config';
import { checkConfigText } from '../server/src/core/config-check';
import { readSettings } from '../server/src/lsp/settings';

describe('kubernetes.podSecurity', () => {
  it('is read from .shipshape.yaml', () => {
    const config = applyShipshapeConfig(defaultConfig(), 'kubernetes:\n  podSecurity: restricted\n');
    assert.equal(config.podSecurity, 'restricted');
  });
  it('ignores a level that does not exist, and the config check says so', () => {
    const text = 'kubernetes:\n  podSecurity: strict\n';
    assert.equal(applyShipshapeConfig(defaultConfig(), text).podSecurity, null);
    const problems = checkConfigText(text, 'shipshape', []);
    assert.equal(problems.length, 1);
    assert.match(problems[0]?.message ?? '', /off, baseline, restricted/);
  });
  it('is read from the shipshape.kubernetes.podSecurity setting; unset leaves the file to decide', () => {
    assert.equal(readSettings({ kubernetes: { podSecurity: 'baseline' } }).podSecurity, 'baseline');
    assert.equal(readSettings({ kubernetes: { podSecurity: null } }).podSecurity, null);
    assert.equal(readSettings({}).podSecurity, null);
  });
});
