import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Engine } from '../server/src/engine';
import { checkEngine } from '../scripts/fuzz/engine-check';
import { Prng } from '../scripts/fuzz/prng';
import { describeFailures, inputFor, runFuzz, stats } from '../scripts/fuzz/run';
import { KINDS, loadSamples } from '../scripts/fuzz/samples';

/**
 * The fuzz harness (scripts/fuzz/) on a small budget, so that it runs on every `npm test` and cannot rot;
 * CI runs the full budget with `npm run fuzz` (2,000 inputs per kind), longer runs take `--inputs N`.
 */
const samples = loadSamples(process.cwd());
const out = mkdtempSync(join(tmpdir(), 'shipshape-fuzz-'));
after(() => rmSync(out, { recursive: true, force: true }));

describe('fuzz harness', () => {
  it('has samples of every kind from test/golden and examples', () => {
    for (const kind of KINDS)
      assert.ok(samples[kind].length >= 4, `${kind}: ${samples[kind].length} samples`);
  });

  it('derives every input from (seed, kind, index) alone', () => {
    const a = new Prng('s', 'dockerfile', 7);
    const b = new Prng('s', 'dockerfile', 7);
    const xs = Array.from({ length: 20 }, () => a.uint32());
    assert.deepEqual(
      Array.from({ length: 20 }, () => b.uint32()),
      xs,
    );
    assert.notDeepEqual(
      Array.from(
        { length: 20 },
        (() => {
          const c = new Prng('s', 'dockerfile', 8);
          return () => c.uint32();
        })(),
      ),
      xs,
    );
    for (const kind of KINDS) {
      const one = inputFor('s', kind, 42, samples[kind]);
      const two = inputFor('s', kind, 42, samples[kind]);
      assert.equal(one.text, two.text);
      assert.deepEqual(one.ops, two.ops);
      assert.notEqual(one.text, one.sample.text, 'a mutant differs from its sample');
    }
  });

  it('stats are nearest-rank percentiles', () => {
    assert.deepEqual(stats(Array.from({ length: 100 }, (_, i) => 100 - i)), {
      count: 100,
      p50: 51,
      p99: 100,
      max: 100,
    });
    assert.deepEqual(stats([]), { count: 0, p50: 0, p99: 0, max: 0 });
  });

  it('reports an engine that throws, with the stage and the first frame', () => {
    class Broken extends Engine {
      override analyze(...a: Parameters<Engine['analyze']>) {
        if (a[0].text.includes('BOOM')) throw new TypeError('planted');
        return super.analyze(...a);
      }
    }
    const issues = checkEngine(
      new Broken(),
      'Dockerfile',
      'FROM alpine:3.20\n',
      'FROM alpine:3.20\nRUN BOOM\n',
    );
    assert.equal(issues.length, 1);
    assert.match(issues[0]?.what ?? '', /^analyse threw TypeError: planted \(/);
    assert.deepEqual(
      checkEngine(new Broken(), 'Dockerfile', 'FROM alpine:3.20\n', 'FROM alpine:3.20\nUSER app\n'),
      [],
    );
  });

  it('survives a small budget of mutated inputs in process and over LSP, and writes what failed', async () => {
    const lines: string[] = [];
    const reports = await runFuzz({
      root: process.cwd(),
      seed: 'npm-test',
      inputs: 80,
      lspInputs: 20,
      kinds: KINDS,
      budgetMs: 10_000,
      hangMs: 30_000,
      outDir: out,
      log: (l) => lines.push(l),
    });
    assert.equal(lines.length, 3);
    for (const r of reports) {
      assert.equal(r.engine.count + r.failures.filter((f) => /hang|died/.test(f.what)).length, 80);
      for (const f of r.failures)
        assert.equal(
          readFileSync(f.file, 'utf8'),
          inputFor('npm-test', f.kind, f.index, samples[f.kind]).text,
        );
    }
    assert.deepEqual(
      reports.flatMap((r) => r.failures.map((f) => `${f.kind} ${f.where}: ${f.what}`)),
      [],
      describeFailures(reports),
    );
  });
});
