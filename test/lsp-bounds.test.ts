import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { Engine } from '../server/src/engine';
import { LspClient } from './helpers/lsp-client';

/**
 * The language server stays bounded and answers whatever it is given: settings are known before anything
 * is computed, a hanging analysis is abandoned, big files and floods of findings are capped. The real
 * bundle over stdio; every wait is on a server event.
 */
const SERVER = 'server/out/server.js';
const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n';
/**
 * A document whose analysis takes far longer than the budget: one RUN continued over 60,000 lines (valid,
 * and linear now, but seconds of parsing). The backtracking stage name of dockerfile-utils 0.16.3 was the
 * first such input; it is checked linearly since.
 */
const HANGS = 'FROM alpine:3.20\nRUN true \\\n' + '  && echo step \\\n'.repeat(60_000) + '  && true\n';
const INFO = 3;

function ids(diags: Diagnostic[]): string[] {
  return [...new Set(diags.map((d) => String(d.code)))].sort();
}

function titles(actions: unknown[]): string[] {
  return actions.map((a) => (a as CodeAction).title);
}

const WHOLE = { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } };

describe('language server bounds', () => {
  let dir: string;
  const clients: LspClient[] = [];
  const file = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return pathToFileURL(join(dir, name)).toString();
  };
  const start = async (opts: Parameters<typeof LspClient.start>[1]): Promise<LspClient> => {
    const c = await LspClient.start(SERVER, { rootUri: pathToFileURL(dir).toString(), ...opts });
    clients.push(c);
    return c;
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-bounds-'));
  });

  after(async () => {
    await Promise.all(clients.map((c) => c.shutdown()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('settings are read before the first analysis, even when code actions and hover come first', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const client = await start({
      settings: { shipshape: { rules: { 'compose/log-rotation': 'off' } } },
      configurationGate: gate,
    });
    const uri = file('compose.yaml', COMPOSE);
    await client.open(uri, 'dockercompose', COMPOSE);
    // The editor asks before the slow configuration answer arrives.
    const actions = client.codeActions(uri, WHOLE, ['quickfix']);
    const hover = client.hover(uri, { line: 1, character: 3 });
    release();
    assert.ok(
      !titles(await actions).some((t) => /logging|log rotation/i.test(t)),
      titles(await actions).join(' | '),
    );
    assert.doesNotMatch(JSON.stringify((await hover)?.contents ?? ''), /compose\/log-rotation/);
    const p = await client.waitForDiagnostics(uri, undefined, 1);
    assert.ok(ids(p.diagnostics).includes('compose/restart-policy'), ids(p.diagnostics).join(', '));
    assert.ok(!ids(p.diagnostics).includes('compose/log-rotation'), ids(p.diagnostics).join(', '));
    // Only one publish for the version: nothing computed with default settings went out first.
    assert.equal(client.published.filter((x) => x.uri === uri).length, 1);
  });

  it('a hanging analysis is stopped after its budget, once, and other documents are still checked', async () => {
    const client = await start({ initializationOptions: { analysisBudgetMs: 2000 } });
    const hang = file('hang.Dockerfile', HANGS);
    const ok = file('Dockerfile', 'FROM alpine\nRUN apk add curl\n');
    await client.open(hang, 'dockerfile', HANGS);
    await client.open(ok, 'dockerfile', 'FROM alpine\nRUN apk add curl\n');
    const stoppedAt = await client.waitForDiagnostics(hang, undefined, 1);
    assert.deepEqual(stoppedAt.diagnostics, [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: INFO,
        source: 'shipshape',
        message: 'Shipshape stopped analysing this file after 2 s; it tries again after the next edit.',
      },
    ]);
    const fine = await client.waitForDiagnostics(ok, undefined, 1);
    assert.ok(ids(fine.diagnostics).includes('dockerfile/apk-no-cache'), ids(fine.diagnostics).join(', '));
    // It did not wait for the stop: it moved to the other worker once the hanging job stalled.
    assert.ok(fine.seq < stoppedAt.seq, `published ${fine.seq}, the stop ${stoppedAt.seq}`);
    // The same text is not analysed again: hover and code actions answer at once, without a second stop.
    assert.equal(await client.hover(hang, { line: 0, character: 2 }), null);
    assert.deepEqual(await client.codeActions(hang, WHOLE), []);
    // The fresh worker keeps serving edits of the other document.
    await client.change(ok, 2, 'FROM alpine\nRUN apk add --no-cache curl\n');
    const edited = await client.waitForDiagnostics(ok, undefined, 2);
    assert.ok(!ids(edited.diagnostics).includes('dockerfile/apk-no-cache'));
    assert.equal(client.messages.filter((m) => /ran past/.test(m)).length, 1, client.messages.join('\n'));
  });

  it('a file over shipshape.maxFileSize gets one info diagnostic saying why, and no code actions', async () => {
    const client = await start({ settings: { shipshape: { maxFileSize: 0.001 } } });
    const text = 'FROM alpine\n' + 'RUN apk add curl\n'.repeat(100);
    const uri = file('big.Dockerfile', text);
    await client.open(uri, 'dockerfile', text);
    const p = await client.waitForDiagnostics(uri, undefined, 1);
    assert.deepEqual(
      p.diagnostics.map((d) => [d.severity, d.message]),
      [
        [
          INFO,
          'Shipshape does not check files over 0.001 MB (shipshape.maxFileSize); this one is 0.0016 MB.',
        ],
      ],
    );
    assert.deepEqual(await client.codeActions(uri, WHOLE), []);
  });

  it('a 6 MB file is over the default limit; a small one beside it is checked', async () => {
    const client = await start({});
    const text = 'FROM alpine\n' + `LABEL x="${'y'.repeat(6 * 1024 * 1024)}"\n`;
    const big = file('huge.Dockerfile', text);
    const small = file('small.Dockerfile', 'FROM alpine\nRUN apk add curl\n');
    await client.open(big, 'dockerfile', text);
    await client.open(small, 'dockerfile', 'FROM alpine\nRUN apk add curl\n');
    const p = await client.waitForDiagnostics(big, undefined, 1);
    assert.deepEqual(
      p.diagnostics.map((d) => d.message),
      ['Shipshape does not check files over 5 MB (shipshape.maxFileSize); this one is 6 MB.'],
    );
    const s = await client.waitForDiagnostics(small, undefined, 1);
    assert.ok(ids(s.diagnostics).includes('dockerfile/apk-no-cache'));
  });

  it('at most 1,000 diagnostics are published for a file, then one saying how many more there are', async () => {
    const client = await start({});
    const text = 'FROM alpine:3.20\n' + 'RUN apk add curl\n'.repeat(1100);
    const uri = file('flood.Dockerfile', text);
    await client.open(uri, 'dockerfile', text);
    const p = await client.waitForDiagnostics(uri, undefined, 1);
    // The same findings in process: nothing beside the file exists in this directory.
    const all = new Engine().analyze(
      { name: join(dir, 'flood.Dockerfile'), languageId: 'dockerfile', text },
      undefined,
      { fileName: 'flood.Dockerfile', exists: () => false },
    );
    const total = all?.findings.length ?? 0;
    assert.ok(total >= 1100, `${total} findings`);
    assert.equal(p.diagnostics.length, 1001);
    assert.deepEqual(
      p.diagnostics.slice(0, 1000).map((d) => [d.code, d.range.start.line]),
      all?.findings.slice(0, 1000).map((f) => [f.ruleId, f.range.start.line]),
    );
    assert.deepEqual(
      [p.diagnostics[1000]?.severity, p.diagnostics[1000]?.message],
      [INFO, `Shipshape shows the first 1000 problems of a file; ${total - 1000} more are not shown.`],
    );
  });
});
