import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DocumentState, RequestContext } from '../server/src/lsp/analysis';
import { Watchdog, type Outcome } from '../server/src/lsp/watchdog';

/**
 * The watchdog on its own, with a stand-in worker that answers at once, except for documents whose uri
 * says `hang` (it never answers) or `crash` (it exits). Every wait is on an outcome, never on a timer.
 */
const WORKER = `
const { parentPort } = require('node:worker_threads');
const held = new Map();
parentPort.on('message', ({ id, job, doc }) => {
  if (doc) held.set(doc.uri, doc.text);
  if (job.uri && job.uri.includes('hang')) for (;;);
  if (job.uri && job.uri.includes('crash')) process.exit(3);
  parentPort.postMessage({ id, ok: true, value: { op: job.op, text: held.get(job.uri) ?? null } });
});
parentPort.postMessage({ ready: true });
`;

const ctx = {} as RequestContext;
const doc = (uri: string, version = 1): DocumentState => ({
  uri,
  languageId: 'dockerfile',
  version,
  text: uri,
});
const job = (uri: string) => ({ op: 'diagnostics' as const, uri, ctx });

describe('watchdog', () => {
  let dir: string;
  let script: string;
  const dogs: Watchdog[] = [];
  const logs: string[] = [];
  const make = (budgetMs: number, stallMs?: number): Watchdog => {
    const w = new Watchdog({ script, budgetMs, stallMs, log: (_l, m) => void logs.push(m) });
    dogs.push(w);
    return w;
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-watchdog-'));
    script = join(dir, 'worker.cjs');
    writeFileSync(script, WORKER);
  });

  after(async () => {
    await Promise.all(dogs.map((d) => d.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a job with the document text it was sent once', async () => {
    const w = make(5_000);
    const first = await w.run(job('a'), doc('a'));
    const again = await w.run(job('a'), doc('a'));
    assert.deepEqual([first.kind, again.kind], ['done', 'done']);
    assert.deepEqual((again as { value: unknown }).value, { op: 'diagnostics', text: 'a' });
  });

  it('stops a job past its budget, then serves the next one from a fresh worker', async () => {
    const w = make(300);
    const hung = w.run(job('hang'), doc('hang'));
    const next = w.run(job('b'), doc('b'));
    assert.equal((await hung).kind, 'stopped');
    const o = (await next) as Outcome<{ text: string }>;
    assert.equal(o.kind, 'done');
    assert.deepEqual(o.kind === 'done' ? o.value.text : null, 'b');
  });

  it('moves jobs of other documents waiting behind a stalled one; the same document waits', async () => {
    const w = make(60_000, 100);
    const hung = w.run(job('hang-2'), doc('hang-2'));
    const other = w.run(job('c'), doc('c'));
    const pinned = w.run(job('d'), doc('d'), undefined, true);
    assert.equal((await other).kind, 'moved');
    // Asked after the stall: moved at once.
    assert.equal((await w.run(job('e'), doc('e'))).kind, 'moved');
    await w.close();
    assert.deepEqual([(await hung).kind, (await pinned).kind], ['failed', 'failed']);
  });

  it('a job whose document changed before its turn is not run', async () => {
    const w = make(5_000);
    assert.equal((await w.run(job('f'), doc('f'), () => true)).kind, 'stale');
  });

  it('a worker that dies fails its job and is replaced', async () => {
    const w = make(5_000);
    const crashed = await w.run(job('crash'), doc('crash'));
    assert.equal(crashed.kind, 'failed');
    assert.equal((await w.run(job('g'), doc('g'))).kind, 'done');
    assert.ok(
      logs.some((m) => /exited with code 3/.test(m)),
      logs.join('\n'),
    );
  });
});
