import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  applyHadolintConfig,
  applyShipshapeConfig,
  defaultConfig,
  type Config,
} from '../server/src/core/config';
import { Engine } from '../server/src/engine';

function ruleIds(text: string, config: Config = defaultConfig()): string[] {
  const r = new Engine().analyze({ name: 'Dockerfile', text }, config, {
    fileName: 'Dockerfile',
    exists: () => true,
  });
  return (r?.findings ?? []).map((f) => `${f.range.start.line}:${f.ruleId}`);
}

const BASE = 'FROM node:latest\nCMD node server.js\n';

describe('suppressions and configuration', () => {
  const cases: { name: string; text: string; absent: string[]; present: string[] }[] = [
    {
      name: 'shipshape-ignore silences the next instruction only',
      text: 'FROM node:latest\n# shipshape-ignore dockerfile/json-args -- PID 1 is tini\nCMD node server.js\nENTRYPOINT node x.js\n',
      absent: ['2:dockerfile/json-args'],
      present: ['3:dockerfile/json-args', '0:dockerfile/no-latest-tag'],
    },
    {
      name: 'several ids, and the whole continued instruction',
      text: '# shipshape-ignore dockerfile/no-latest-tag,dockerfile/no-root-user\nFROM \\\n  node:latest\nCMD node server.js\n',
      absent: ['2:dockerfile/no-latest-tag', '2:dockerfile/no-root-user'],
      present: ['3:dockerfile/json-args'],
    },
    {
      name: 'shipshape-ignore-file',
      text: '# shipshape-ignore-file dockerfile/json-args\n' + BASE + 'ENTRYPOINT node x.js\n',
      absent: ['2:dockerfile/json-args', '3:dockerfile/json-args'],
      present: ['1:dockerfile/no-latest-tag'],
    },
    {
      name: 'hadolint ignore through aliases',
      text: '# hadolint ignore=DL3007,DL3002\nFROM node:latest\nCMD node server.js\n',
      absent: ['1:dockerfile/no-latest-tag', '1:dockerfile/no-root-user'],
      present: ['2:dockerfile/json-args'],
    },
    {
      name: 'hadolint global ignore',
      text: '# hadolint global ignore=DL3025\n' + BASE,
      absent: ['2:dockerfile/json-args'],
      present: ['1:dockerfile/no-latest-tag'],
    },
    {
      name: 'BuildKit check=skip directive',
      text: '# check=skip=JSONArgsRecommended\n' + BASE,
      absent: ['2:dockerfile/json-args'],
      present: ['1:dockerfile/no-latest-tag'],
    },
    {
      name: 'a comment that is not a suppression does nothing',
      text: '# ignore the tag\n' + BASE,
      absent: [],
      present: ['1:dockerfile/no-latest-tag', '2:dockerfile/json-args'],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const found = ruleIds(c.text);
      for (const a of c.absent)
        assert.ok(!found.includes(a), `${a} should be silenced; got ${found.join(', ')}`);
      for (const p of c.present) assert.ok(found.includes(p), `${p} should remain; got ${found.join(', ')}`);
    });

  it('.shipshape.yaml turns rules off and changes severities', () => {
    const config = applyShipshapeConfig(
      defaultConfig(),
      'rules:\n  dockerfile/json-args: off\n  dockerfile/no-latest-tag: error\n',
    );
    const r = new Engine().analyze({ name: 'Dockerfile', text: BASE }, config);
    assert.ok(!r?.findings.some((f) => f.ruleId === 'dockerfile/json-args'));
    assert.equal(r?.findings.find((f) => f.ruleId === 'dockerfile/no-latest-tag')?.severity, 'error');
  });

  it('.hadolint.yaml ignored and override map through aliases', () => {
    const config = applyHadolintConfig(
      defaultConfig(),
      'ignored: [DL3025]\noverride:\n  error: [DL3007]\n  style: [DL3002]\n',
    );
    const r = new Engine().analyze({ name: 'Dockerfile', text: BASE }, config);
    const by = new Map(r?.findings.map((f) => [f.ruleId, f.severity]));
    assert.equal(by.get('dockerfile/json-args'), undefined);
    assert.equal(by.get('dockerfile/no-latest-tag'), 'error');
    assert.equal(by.get('dockerfile/no-root-user'), 'hint');
  });

  it('a broken config file is reported, not thrown', () => {
    const config = applyShipshapeConfig(defaultConfig(), 'rules: [unclosed\n');
    assert.equal(config.problems.length, 1);
    const bad = applyShipshapeConfig(defaultConfig(), 'rules:\n  dockerfile/json-args: loud\n');
    assert.match(bad.problems[0] ?? '', /must be one of/);
  });
});
