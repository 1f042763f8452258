import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import { LspClient } from './helpers/lsp-client';

/**
 * Workspace trust and the workspace boundary over LSP. In an untrusted workspace (VS Code passes
 * `trusted: false` in initializationOptions, then `shipshape/didChangeWorkspaceTrust` when the user grants
 * it) Shipshape ignores `shipshape.configFile`, the one setting that points it at another file, and uses
 * the workspace's own `.shipshape.yaml` (data, read in either mode) instead.
 */
const SERVER = 'server/out/server.js';
const DOCKERFILE = 'FROM alpine:3.20\nRUN apk add curl\n';

function ids(diags: Diagnostic[]): string[] {
  return [...new Set(diags.map((d) => String(d.code)))].sort();
}

describe('language server trust boundaries', () => {
  let tmp: string;
  let ws: string;
  let custom: string;
  const clients: LspClient[] = [];

  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'shipshape-lsp-trust-'));
    ws = join(tmp, 'ws');
    mkdirSync(join(ws, 'app'), { recursive: true });
    writeFileSync(join(ws, '.shipshape.yaml'), 'rules:\n  dockerfile/no-root-user: off\n');
    custom = join(tmp, 'custom.yaml');
    writeFileSync(custom, 'rules:\n  dockerfile/apk-no-cache: off\n');
    mkdirSync(join(tmp, 'outside'));
    writeFileSync(join(tmp, 'outside', 'secret.env'), 'TAG=latest\n');
  });

  after(async () => {
    await Promise.all(clients.map((c) => c.shutdown()));
    rmSync(tmp, { recursive: true, force: true });
  });

  const start = async (trusted: boolean | undefined): Promise<LspClient> => {
    const c = await LspClient.start(SERVER, {
      rootUri: pathToFileURL(ws).toString(),
      settings: { shipshape: { configFile: custom } },
      initializationOptions: trusted === undefined ? undefined : { trusted },
    });
    clients.push(c);
    return c;
  };

  const cases: [string, boolean | undefined, boolean][] = [
    ['untrusted: shipshape.configFile is ignored', false, false],
    ['trusted: shipshape.configFile is used', true, true],
    ['a client without workspace trust is trusted', undefined, true],
  ];
  for (const [name, trusted, configFileUsed] of cases)
    it(name, async () => {
      const client = await start(trusted);
      const uri = pathToFileURL(join(ws, 'app', `${String(trusted)}.Dockerfile`)).toString();
      await client.open(uri, 'dockerfile', DOCKERFILE);
      const found = ids((await client.waitForDiagnostics(uri, undefined, 1)).diagnostics);
      assert.equal(found.includes('dockerfile/apk-no-cache'), !configFileUsed, found.join(', '));
      // shipshape.configFile replaces the workspace's .shipshape.yaml, which turns no-root-user off.
      assert.equal(found.includes('dockerfile/no-root-user'), configFileUsed, found.join(', '));
    });

  it('granting trust re-checks open documents with shipshape.configFile', async () => {
    const client = await start(false);
    const uri = pathToFileURL(join(ws, 'app', 'granted.Dockerfile')).toString();
    await client.open(uri, 'dockerfile', DOCKERFILE);
    const before = await client.waitForDiagnostics(uri, undefined, 1);
    assert.ok(ids(before.diagnostics).includes('dockerfile/apk-no-cache'));
    await client.notify('shipshape/didChangeWorkspaceTrust', { trusted: true });
    await client.waitForDiagnostics(uri, (d) => !ids(d).includes('dockerfile/apk-no-cache'), 1);
  });

  // The .env says TAG=latest: read, it makes the image `nginx:latest`, which compose/no-latest-tag names.
  const envCases: [string, 'copy' | 'link-out', boolean][] = [
    ['a .env in the workspace is read', 'copy', true],
    [
      'a .env linked from outside the workspace is not read: its values never reach a message',
      'link-out',
      false,
    ],
  ];
  for (const [name, how, read] of envCases)
    it(name, async () => {
      const client = await LspClient.start(SERVER, { rootUri: pathToFileURL(ws).toString() });
      clients.push(client);
      const app = join(ws, how);
      mkdirSync(app);
      if (how === 'copy') writeFileSync(join(app, '.env'), 'TAG=latest\n');
      else symlinkSync(join(tmp, 'outside', 'secret.env'), join(app, '.env'));
      const text = 'services:\n  web:\n    image: "nginx:${TAG}"\n';
      const uri = pathToFileURL(join(app, 'compose.yaml')).toString();
      writeFileSync(join(app, 'compose.yaml'), text);
      await client.open(uri, 'dockercompose', text);
      const p = await client.waitForDiagnostics(uri, undefined, 1);
      assert.equal(ids(p.diagnostics).includes('compose/no-latest-tag'), read, ids(p.diagnostics).join(', '));
      assert.equal(JSON.stringify(p.diagnostics).includes('nginx:latest'), read);
    });
});
