import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../server/src/core/config';
import { TextDoc } from '../server/src/core/text';
import { checkOptions, topDirectives } from '../server/src/languages/dockerfile/directives';
import { Engine } from '../server/src/engine';

/** `line:ruleId:severity` of every finding, 0-based lines. */
function found(text: string): string[] {
  const r = new Engine().analyze({ name: 'Dockerfile', text }, defaultConfig());
  return (r?.findings ?? []).map((f) => `${f.range.start.line}:${f.ruleId}:${f.severity}`);
}

const CMD = 'dockerfile/json-args'; // buildkit:JSONArgsRecommended
const LATEST = 'dockerfile/no-latest-tag'; // no BuildKit alias

describe('BuildKit parser directives', () => {
  it('are read only at the top, after an optional shebang, until the first other line', () => {
    const names = (t: string) => topDirectives(new TextDoc(t)).map((d) => `${d.line}:${d.name}=${d.value}`);
    assert.deepEqual(names('#!/bin/x\n# syntax = docker/dockerfile:1\n  #check=skip=all\nFROM a'), [
      '1:syntax=docker/dockerfile:1',
      '2:check=skip=all',
    ]);
    assert.deepEqual(names('# hello\n# check=skip=all\nFROM a'), []);
    assert.deepEqual(names('# syntax=a\n\n# check=skip=all\nFROM a'), ['0:syntax=a']);
    assert.deepEqual(names('# check=skip=A\n# check=skip=B\nFROM a'), ['0:check=skip=A']);
    assert.deepEqual(names('# unknown=1\n# check=skip=B\nFROM a'), []);
  });

  it('read check= options as linter.ParseLintOptions does', () => {
    const opts = (v: string) => {
      const o = checkOptions({
        value: v,
        valueRange: { start: { line: 0, character: 0 }, end: { line: 0, character: v.length } },
      });
      return {
        skip: o.skipAll ? 'all' : o.skip.map((c) => c.name).join(','),
        error: o.error,
        experimental: o.experimentalAll ? 'all' : o.experimental.map((c) => c.name).join(','),
        invalid: o.invalid?.message ?? null,
      };
    };
    assert.deepEqual(opts('skip=A, B;error=true'), {
      skip: 'A',
      error: false,
      experimental: '',
      invalid: null,
    });
    assert.deepEqual(opts('skip=A,B;error=true;experimental=all'), {
      skip: 'A,B',
      error: true,
      experimental: 'all',
      invalid: null,
    });
    assert.deepEqual(opts('error=1'), { skip: '', error: true, experimental: '', invalid: null });
    assert.equal(opts('skip').invalid, 'invalid check option "skip"');
    assert.equal(opts('error=maybe').invalid, 'failed to parse check option "error=maybe"');
    assert.equal(opts('ignore=A').invalid, 'invalid check option "ignore"');
  });

  const cases: { name: string; text: string; expect: string[] }[] = [
    {
      name: 'skip at the top silences that check in the whole file',
      text: '# check=skip=JSONArgsRecommended\nFROM node:latest\nCMD node a.js\n',
      expect: [`1:${LATEST}:warning`],
    },
    {
      name: 'skip=all silences every BuildKit check and nothing else',
      text: '# check=skip=all\nFROM node:latest\nCMD node a.js\n',
      expect: [`1:${LATEST}:warning`],
    },
    {
      name: 'a check comment above an instruction silences it there only',
      text: 'FROM node:20\n# check=skip=JSONArgsRecommended\nCMD node a.js\nENTRYPOINT node b.js\n',
      expect: [`3:${CMD}:warning`],
    },
    {
      name: 'directive names are read in any case, above an instruction too',
      text: 'FROM node:20\n# CHECK=skip=JSONArgsRecommended\nCMD node a.js\nENTRYPOINT node b.js\n',
      expect: [`3:${CMD}:warning`],
    },
    {
      name: 'an empty # line ends the comments an instruction reads',
      text: 'FROM node:20\n# check=skip=JSONArgsRecommended\n#\nCMD node a.js\n',
      expect: [`3:${CMD}:warning`],
    },
    {
      name: 'a check line below another comment at the top is the first instruction’s only',
      text: '# hello\n# check=skip=all\nFROM node:20\nCMD node a.js\n',
      expect: [`3:${CMD}:warning`],
    },
    {
      name: 'error=true turns BuildKit checks into errors, not other rules',
      text: '# check=error=true\nFROM node:latest\nCMD node a.js\n',
      expect: [`1:${LATEST}:warning`, `2:${CMD}:error`],
    },
    {
      name: 'a skipped check stays silent under error=true',
      text: '# check=skip=JSONArgsRecommended;error=true\nFROM node:20\nCMD node a.js\n',
      expect: [],
    },
  ];
  for (const c of cases)
    it(c.name, () =>
      assert.deepEqual(
        found(c.text).filter((f) => !f.includes('missing-healthcheck') && !f.includes('no-root-user')),
        c.expect,
      ),
    );

  it('configuration still decides the severity under error=true', () => {
    const config = defaultConfig();
    config.rules[CMD] = 'info';
    const r = new Engine().analyze(
      { name: 'Dockerfile', text: '# check=error=true\nFROM node:20\nCMD node a.js\n' },
      config,
    );
    assert.deepEqual(
      r?.findings.filter((f) => f.ruleId === CMD).map((f) => f.severity),
      ['info'],
    );
  });
});
