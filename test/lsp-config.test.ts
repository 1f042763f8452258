import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver';
import { applyWorkspaceEdit, LspClient } from './helpers/lsp-client';

/**
 * The language server on Shipshape's own configuration: mistakes in `.shipshape.yaml` and `.hadolint.yaml`
 * shown where they were written, with a fix; mistakes in the `shipshape.rules` setting logged once.
 */
const SERVER = 'server/out/server.js';
const CONFIG = 'rules:\n  dockerfile/no-latest-tags: off\n  dockerfile/json-args: warn\n';

describe('language server on configuration files', () => {
  let dir: string;
  let client: LspClient;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-config-lsp-'));
    client = await LspClient.start(SERVER, {
      rootUri: pathToFileURL(dir).toString(),
      settings: {
        shipshape: { rules: { 'dockerfile/no-root-users': 'off', 'dockerfile/json-args': 'silent' } },
      },
    });
  });

  after(async () => {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes the mistakes of an open .shipshape.yaml on the key or value', async () => {
    const uri = pathToFileURL(join(dir, '.shipshape.yaml')).toString();
    await client.open(uri, 'yaml', CONFIG);
    const p = await client.waitForDiagnostics(uri, undefined, 1);
    assert.deepEqual(
      p.diagnostics.map((d) => ({ range: d.range, severity: d.severity, code: d.code, source: d.source })),
      [
        {
          range: { start: { line: 1, character: 2 }, end: { line: 1, character: 27 } },
          severity: 2,
          code: 'config/unknown-rule',
          source: 'shipshape',
        },
        {
          range: { start: { line: 2, character: 24 }, end: { line: 2, character: 28 } },
          severity: 2,
          code: 'config/invalid-value',
          source: 'shipshape',
        },
      ],
    );
  });

  it('offers "Change to …" quick fixes that clear them', async () => {
    const uri = pathToFileURL(join(dir, '.shipshape.yaml')).toString();
    let text = CONFIG;
    for (const [i, d] of client.diagnostics(uri).entries()) {
      const actions = (await client.codeActions(uri, d.range)) as CodeAction[];
      assert.deepEqual(
        actions.map((a) => [a.title, a.kind, a.isPreferred]),
        [[i === 0 ? 'Change to dockerfile/no-latest-tag' : 'Change to warning', 'quickfix', true]],
      );
      text = applyWorkspaceEdit(text, actions[0]!.edit!, uri);
    }
    assert.equal(text, 'rules:\n  dockerfile/no-latest-tag: off\n  dockerfile/json-args: warning\n');
    await client.change(uri, 2, text);
    const p = await client.waitForDiagnostics(uri, undefined, 2);
    assert.deepEqual(p.diagnostics, []);
  });

  it('publishes the mistakes of an open .hadolint.yaml', async () => {
    const uri = pathToFileURL(join(dir, '.hadolint.yaml')).toString();
    await client.open(uri, 'yaml', 'ignored:\n  - DL3059\n  - dl3025\n');
    const p = await client.waitForDiagnostics(uri, undefined, 1);
    assert.deepEqual(
      p.diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.message]),
      [
        [
          2,
          4,
          '`dl3025` is not a hadolint rule code (DL followed by four digits, or SC for ShellCheck). Did you mean `DL3025`?',
        ],
      ],
    );
  });

  it('logs each mistaken shipshape.rules entry once, however many documents use the settings', async () => {
    for (const name of ['Dockerfile', 'Dockerfile.dev']) {
      const uri = pathToFileURL(join(dir, name)).toString();
      await client.open(uri, 'dockerfile', 'FROM node:22\nCMD node server.js\n');
      await client.waitForDiagnostics(uri, undefined, 1);
    }
    assert.deepEqual(
      client.messages.filter((m) => m.includes('shipshape.rules')),
      [
        'shipshape: shipshape.rules: no rule has the id or alias "dockerfile/no-root-users" (did you mean "dockerfile/no-root-user"?)',
        'shipshape: shipshape.rules: "silent" for "dockerfile/json-args" is not one of off, hint, info, warning, error',
      ],
    );
  });
});
