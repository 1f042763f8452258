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
      settings: { shipshape: { preset: 'strict', rules: { 'compose/log-rotation': 'off' } } },
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

  describe('a file over shipshape.maxFileSize is checked for syntax errors only, and says so', () => {
    // 0.001 MB is 1,048 bytes: every text here is over it (a comment makes up the size).
    const pad = '# ' + 'padding '.repeat(20) + '\n';
    const big = (head: string, tail = ''): string => head + pad.repeat(10) + tail;
    const NOTICE = (mb: string) =>
      `Shipshape checks files over 0.001 MB (shipshape.maxFileSize) for syntax errors only; this one is ${mb} MB.`;
    const cases: {
      name: string;
      file: string;
      languageId: string;
      text: string;
      expected: [code: string | undefined, severity: number | undefined, range: string, message: string][];
    }[] = [
      {
        name: 'a Dockerfile with a syntax error gets that error; its missing --no-cache, no healthcheck… do not count',
        file: 'big.Dockerfile',
        languageId: 'dockerfile',
        text: big('FROM alpine\nRUN apk add curl\n', 'COPPY . /app\n'),
        expected: [
          [undefined, INFO, '0:0-0:0', NOTICE('0.0016')],
          ['dockerfile/syntax-error', 1, '12:0-12:5', 'Unknown instruction: COPPY'],
        ],
      },
      {
        name: 'a valid Dockerfile with best-practice problems gets only the notice',
        file: 'fine.Dockerfile',
        languageId: 'dockerfile',
        text: big('FROM alpine\nRUN apk add curl\n'),
        expected: [[undefined, INFO, '0:0-0:0', NOTICE('0.0016')]],
      },
      {
        name: 'a Compose file with a YAML error gets that error',
        file: 'compose.yaml',
        languageId: 'dockercompose',
        text: big('services:\n  web:\n    image: nginx\n', '    ports: ["80:80"\n'),
        expected: [
          [undefined, INFO, '0:0-0:0', NOTICE('0.0016')],
          [
            'compose/schema',
            1,
            '14:0-14:0',
            'YAML: Flow sequence in block collection must be sufficiently indented and end with a ].',
          ],
        ],
      },
      {
        name: 'valid YAML is not checked against the Compose schema (an unknown key) nor for best practices',
        file: 'compose.override.yaml',
        languageId: 'dockercompose',
        text: big('services:\n  web:\n    image: nginx\n    enviroment:\n      - A=1\n'),
        expected: [[undefined, INFO, '0:0-0:0', NOTICE('0.0016')]],
      },
      {
        name: 'a manifest with a YAML error gets that error',
        file: 'deploy.yaml',
        languageId: 'yaml',
        text: big(
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  name: again\ndata:\n  A: "1"\n',
        ),
        expected: [
          [undefined, INFO, '0:0-0:0', NOTICE('0.0016')],
          ['kubernetes/syntax-error', 1, '4:2-4:6', 'YAML: Map keys must be unique'],
        ],
      },
      {
        name: 'a valid Deployment without probes or resources gets only the notice',
        file: 'app.yaml',
        languageId: 'yaml',
        text: big(
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  selector:\n    matchLabels: { app: a }\n' +
            '  template:\n    metadata:\n      labels: { app: a }\n    spec:\n      containers:\n        - name: a\n          image: nginx\n',
        ),
        expected: [[undefined, INFO, '0:0-0:0', NOTICE('0.0018')]],
      },
    ];
    for (const c of cases)
      it(c.name, async () => {
        const client = await start({ settings: { shipshape: { maxFileSize: 0.001 } } });
        const uri = file(c.file, c.text);
        await client.open(uri, c.languageId, c.text);
        const p = await client.waitForDiagnostics(uri, undefined, 1);
        assert.deepEqual(
          p.diagnostics.map((d) => {
            const { start: s, end: e } = d.range;
            return [d.code, d.severity, `${s.line}:${s.character}-${e.line}:${e.character}`, d.message];
          }),
          c.expected,
        );
        // No quick fix, refactoring or fix-all beyond the syntax findings (which have none).
        const all = {
          start: { line: 0, character: 0 },
          end: { line: c.text.split('\n').length, character: 0 },
        };
        assert.deepEqual(titles(await client.codeActions(uri, all)), []);
        assert.deepEqual(titles(await client.codeActions(uri, all, ['source.fixAll.shipshape'])), []);
      });
  });

  it('a 6 MB file is over the default limit and checked for syntax only; a small one beside it is checked', async () => {
    // A budget no machine reaches: what is checked is the limit, not the speed (a 6 MB Dockerfile takes
    // dockerfile-ast seconds to parse; a manifest well under one).
    const client = await start({ initializationOptions: { analysisBudgetMs: 120_000 } });
    const text =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\n' +
      `  annotations:\n    note: "${'y'.repeat(6 * 1024 * 1024)}"\n` +
      'spec:\n  selector:\n    matchLabels: { app: a }\n  template:\n    metadata:\n      labels: { app: a }\n' +
      '    spec:\n      containers:\n        - name: a\n          image: nginx\n';
    const big = file('huge.yaml', text);
    const small = file('small.Dockerfile', 'FROM alpine\nRUN apk add curl\n');
    await client.open(big, 'yaml', text);
    await client.open(small, 'dockerfile', 'FROM alpine\nRUN apk add curl\n');
    const p = await client.waitForDiagnostics(big, undefined, 1);
    assert.deepEqual(
      p.diagnostics.map((d) => d.message),
      ['Shipshape checks files over 5 MB (shipshape.maxFileSize) for syntax errors only; this one is 6 MB.'],
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
