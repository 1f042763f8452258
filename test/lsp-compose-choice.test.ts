import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver';
import { LspClient } from './helpers/lsp-client';

/** "Treat as Compose" and files a Compose file includes, through the real server bundle. */
const SERVER = 'server/out/server.js';
const STACK =
  'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: [curl, -f, http://localhost/]\n';

describe('language server: YAML that Compose reads', () => {
  let dir: string;
  let client: LspClient;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-compose-choice-'));
    mkdirSync(join(dir, 'parts'));
    writeFileSync(join(dir, 'compose.yaml'), 'include:\n  - parts/db.yml\nservices: {}\n');
    client = await LspClient.start(SERVER, { rootUri: pathToFileURL(dir).toString() });
  });

  after(async () => {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('offers "Treat this file as a Compose file" on Compose-shaped YAML, and remembers the choice', async () => {
    const uri = pathToFileURL(join(dir, 'stack.yml')).toString();
    await client.open(uri, 'yaml', STACK);
    const first = await client.waitForDiagnostics(uri);
    assert.deepEqual(first.diagnostics, []);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const actions = (await client.codeActions(uri, range)) as CodeAction[];
    const treat = actions.find((a) => a.title === 'Treat this file as a Compose file');
    assert.ok(treat?.command, actions.map((a) => a.title).join(' | '));
    assert.deepEqual(treat.command.arguments, [uri]);
    await client.request('workspace/executeCommand', {
      command: treat.command.command,
      arguments: treat.command.arguments,
    });
    const after = await client.waitForDiagnostics(uri, (d) => d.length > 0);
    assert.ok(after.diagnostics.some((d) => d.code === 'compose/invalid-healthcheck-test'));
    // Analysed as Compose now, so the action is no longer offered.
    const again = (await client.codeActions(uri, range)) as CodeAction[];
    assert.ok(!again.some((a) => a.title === 'Treat this file as a Compose file'));
  });

  it('does not offer it on YAML that is not Compose-shaped', async () => {
    const uri = pathToFileURL(join(dir, 'workflow.yml')).toString();
    await client.open(uri, 'yaml', 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n');
    await client.waitForDiagnostics(uri);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const actions = (await client.codeActions(uri, range)) as CodeAction[];
    assert.ok(!actions.some((a) => a.title === 'Treat this file as a Compose file'));
  });

  it('analyses a file the workspace compose.yaml includes as Compose', async () => {
    const uri = pathToFileURL(join(dir, 'parts', 'db.yml')).toString();
    await client.open(
      uri,
      'yaml',
      'services:\n  db:\n    image: postgres:16\n    container_name: "bad name"\n',
    );
    const p = await client.waitForDiagnostics(uri);
    assert.ok(
      p.diagnostics.some((d) => d.code === 'compose/invalid-container-name'),
      p.diagnostics.map((d) => d.code).join(' '),
    );
  });
});
