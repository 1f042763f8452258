import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver';
import { applyWorkspaceEdit, LspClient } from './helpers/lsp-client';

/** "Ignore this finding" as an editor offers it: a quick fix after the real fixes, never preferred. */
const SERVER = 'server/out/server.js';
const TEXT = 'services:\n  agent:\n    image: busybox:1.36\n    privileged: true\n';

describe('language server: ignore this finding', () => {
  let dir: string;
  let client: LspClient;
  let uri: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-ignore-lsp-'));
    uri = pathToFileURL(join(dir, 'compose.yaml')).toString();
    client = await LspClient.start(SERVER, { rootUri: pathToFileURL(dir).toString() });
  });

  after(async () => {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is offered for the finding, not preferred, and its edit silences only it', async () => {
    await client.open(uri, 'dockercompose', TEXT);
    const p = await client.waitForDiagnostics(uri, undefined, 1);
    const diag = p.diagnostics.find((d) => d.code === 'compose/privileged');
    assert.ok(diag);
    const actions = (await client.codeActions(uri, diag.range)) as CodeAction[];
    const titles = actions.map((a) => a.title);
    const i = titles.indexOf('Ignore compose/privileged here (add a shipshape-ignore comment)');
    assert.ok(i > titles.findIndex((t) => t.startsWith('Remove `privileged: true`')), titles.join(' | '));
    const ignore = actions[i] as CodeAction;
    assert.equal(ignore.kind, 'quickfix');
    assert.equal(ignore.isPreferred, false);
    const text = applyWorkspaceEdit(TEXT, ignore.edit!, uri);
    assert.equal(
      text,
      'services:\n  agent:\n    image: busybox:1.36\n    # shipshape-ignore compose/privileged\n    privileged: true\n',
    );
    await client.change(uri, 2, text);
    const after = await client.waitForDiagnostics(uri, undefined, 2);
    assert.ok(!after.diagnostics.some((d) => d.code === 'compose/privileged'));
    assert.deepEqual(
      after.diagnostics.map((d) => d.code).sort(),
      p.diagnostics
        .filter((d) => d.code !== 'compose/privileged')
        .map((d) => d.code)
        .sort(),
    );
  });
});
