import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Command, Diagnostic } from 'vscode-languageserver';
import { LspClient } from './helpers/lsp-client';

/**
 * The language server's workspace index: a Service open in the editor is checked against the Deployment
 * in another file on disk (once the index is built), an unsaved edit of that Deployment in the editor wins
 * over the disk, closing it brings the disk's version back, and files created on disk join the index when
 * the client reports them. Refactorings are offered only when asked for.
 */
const SERVER = 'server/out/server.js';

const DEPLOY = (app: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: ${app}\n  template:\n    metadata:\n      labels:\n        app: ${app}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n`;

const SERVICE =
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: wbe\n  ports:\n  - port: 80\n';

const hasDangling = (d: Diagnostic[]) => d.some((x) => x.code === 'kubernetes/service-selector');
const kinds = (actions: (CodeAction | Command)[]) =>
  actions.map((a) => ('kind' in a ? a.kind : 'command') ?? '').sort();

describe('language server: workspace index', () => {
  let dir: string;
  let client: LspClient;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-lsp-index-'));
    mkdirSync(join(dir, 'app'));
    mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
    writeFileSync(join(dir, 'app', 'deployment.yaml'), DEPLOY('web'));
    // Skipped by the index: a dependency's manifest cannot prove the Service right.
    writeFileSync(join(dir, 'node_modules', 'x', 'deployment.yaml'), DEPLOY('wbe'));
    client = await LspClient.start(SERVER, {
      rootUri: pathToFileURL(dir).toString(),
      timeoutMs: 20_000,
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
  });

  after(async () => {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('checks a Service against workloads in other files, open documents winning over the disk', async () => {
    const service = pathToFileURL(join(dir, 'app', 'service.yaml')).toString();
    await client.open(service, 'yaml', SERVICE);
    const first = await client.waitForDiagnostics(service, hasDangling);
    assert.equal(
      first.diagnostics.find((d) => d.code === 'kubernetes/service-selector')?.message,
      'Service web selects app: wbe, which no workload in its namespace labels its pods with: it has no endpoints and every request fails.',
    );

    // The Deployment opened and relabelled, unsaved: the editor's text is what counts.
    const deployment = pathToFileURL(join(dir, 'app', 'deployment.yaml')).toString();
    await client.open(deployment, 'yaml', DEPLOY('web'));
    await client.change(deployment, 2, DEPLOY('wbe'));
    const fixed = await client.waitForDiagnostics(service, (d, p) => p.seq > first.seq && !hasDangling(d));
    assert.deepEqual(
      fixed.diagnostics.filter((d) => d.severity !== 4).map((d) => d.code),
      [],
    );

    // Closed without saving: the disk's labels are back, and so is the finding.
    await client.close(deployment);
    const back = await client.waitForDiagnostics(service, (d, p) => p.seq > fixed.seq && hasDangling(d));

    // A new file on disk, reported by the client, joins the index.
    writeFileSync(join(dir, 'app', 'canary.yaml'), DEPLOY('wbe').replace('name: web', 'name: canary'));
    await client.notify('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(join(dir, 'app', 'canary.yaml')).toString(), type: 1 }],
    });
    await client.waitForDiagnostics(service, (d, p) => p.seq > back.seq && !hasDangling(d));
  });

  it('offers refactorings only when asked: not to the automatic lightbulb', async () => {
    const uri = pathToFileURL(join(dir, 'app', 'deployment.yaml')).toString();
    await client.open(uri, 'yaml', DEPLOY('web'));
    await client.waitForDiagnostics(uri);
    const inside = { start: { line: 3, character: 2 }, end: { line: 3, character: 2 } };
    const ask = (context: Record<string, unknown>) =>
      client
        .request<(CodeAction | Command)[] | null>('textDocument/codeAction', {
          textDocument: { uri },
          range: inside,
          context: { diagnostics: [], ...context },
        })
        .then((r) => r ?? []);
    assert.deepEqual(kinds(await ask({ triggerKind: 2 })), []);
    const invoked = kinds(await ask({ triggerKind: 1 }));
    assert.ok(invoked.length > 0 && invoked.every((k) => k === 'refactor'), invoked.join());
    assert.deepEqual(kinds(await ask({ triggerKind: 2, only: ['refactor'] })), invoked);
    assert.deepEqual(kinds(await ask({ triggerKind: 1, only: ['quickfix'] })), []);
    await client.close(uri);
  });
});
