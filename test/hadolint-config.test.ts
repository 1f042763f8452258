import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyHadolintConfig, defaultConfig } from '../server/src/core/config';
import { Engine } from '../server/src/engine';

/** How `.hadolint.yaml` reaches rules that cover several hadolint checks, and rules that are off by default. */
function findings(text: string, hadolint: string): { rule: string; severity: string; line: number }[] {
  const config = applyHadolintConfig(defaultConfig(), hadolint);
  const r = new Engine().analyze({ name: 'Dockerfile', text }, config);
  return (r?.findings ?? []).map((f) => ({ rule: f.ruleId, severity: f.severity, line: f.range.start.line }));
}

const RPM = 'FROM fedora:40\nRUN yum install httpd\nRUN dnf install httpd\nUSER 1000\n';

describe('.hadolint.yaml and rules with several hadolint ids', () => {
  it('ignoring one id silences only the findings that answer to it', () => {
    const yes = findings(RPM, 'ignored: [DL3030]\n').filter(
      (f) => f.rule === 'dockerfile/yum-dnf-zypper-yes',
    );
    assert.deepEqual(
      yes.map((f) => f.line),
      [2],
    );
  });

  it('ignoring every id of a rule turns it off', () => {
    const yes = findings(RPM, 'ignored: [DL3030, DL3034, DL3038]\n').filter(
      (f) => f.rule === 'dockerfile/yum-dnf-zypper-yes',
    );
    assert.deepEqual(yes, []);
  });

  it('override applies per finding', () => {
    const yes = findings(RPM, 'override:\n  error: [DL3038]\n').filter(
      (f) => f.rule === 'dockerfile/yum-dnf-zypper-yes',
    );
    assert.deepEqual(
      yes.map((f) => `${f.line} ${f.severity}`),
      ['1 warning', '2 error'],
    );
  });

  it('ignoring DL3061 keeps the other builder errors', () => {
    const text = 'RUN echo\nFROM alpine:3.20\nONBUILD FROM alpine\n';
    const errors = findings(text, 'ignored: [DL3061]\n').filter((f) => f.rule === 'dockerfile/syntax-error');
    assert.deepEqual(
      errors.map((f) => f.line),
      [2],
    );
  });

  it('a rule that is off by default runs when hadolint is told to report its id', () => {
    const text = 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n';
    assert.deepEqual(
      findings(text, '').filter((f) => f.rule === 'dockerfile/apt-version-unpinned'),
      [],
    );
    assert.deepEqual(
      findings(text, 'override:\n  warning: [DL3008]\n')
        .filter((f) => f.rule === 'dockerfile/apt-version-unpinned')
        .map((f) => f.severity),
      ['warning'],
    );
  });

  it('label-schema and strict-labels are read', () => {
    const config = applyHadolintConfig(
      defaultConfig(),
      'label-schema:\n  version: semver\nstrict-labels: true\n',
    );
    assert.deepEqual(config.labelSchema, { version: 'semver' });
    assert.equal(config.strictLabels, true);
  });
});
