import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { parseCompose } from '../server/src/languages/compose';
import { applyWorkspaceEdit, LspClient } from './helpers/lsp-client';

/**
 * The language server on a Compose file, as an editor sees it: the real bundle over stdio. Every wait is
 * on a server event, never on a timer.
 */
const SERVER = 'server/out/server.js';
const SEED = readFileSync('test/golden/compose/seed000-dev/compose.yaml', 'utf8');

function ids(diags: Diagnostic[]): string[] {
  return [...new Set(diags.map((d) => String(d.code)))].sort();
}

function actionFor(actions: unknown[], title: RegExp): CodeAction {
  const a = actions.find(
    (x): x is CodeAction =>
      typeof x === 'object' && x !== null && 'title' in x && title.test((x as CodeAction).title),
  );
  assert.ok(
    a,
    `no code action matching ${title}; got ${actions.map((x) => (x as CodeAction).title).join(' | ')}`,
  );
  return a;
}

describe('language server on a Compose file', () => {
  let dir: string;
  let client: LspClient;
  let uri: string;
  let version = 1;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-compose-lsp-'));
    writeFileSync(join(dir, 'compose.yaml'), SEED);
    writeFileSync(
      join(dir, 'Dockerfile'),
      readFileSync('test/golden/compose/seed000-dev/Dockerfile', 'utf8'),
    );
    uri = pathToFileURL(join(dir, 'compose.yaml')).toString();
    // Every rule: resource limits are not in the `recommended` preset, which a development file gets.
    client = await LspClient.start(SERVER, {
      rootUri: pathToFileURL(dir).toString(),
      settings: { shipshape: { preset: 'strict' } },
    });
  });

  after(async () => {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes the seed findings with rule ids, docs links and precise ranges', async () => {
    await client.open(uri, 'dockercompose', SEED);
    const p = await client.waitForDiagnostics(uri, undefined, 1);
    const found = ids(p.diagnostics);
    for (const id of [
      'compose/obsolete-version',
      'compose/resource-limits',
      'compose/missing-healthcheck',
      'compose/plaintext-secret',
    ])
      assert.ok(found.includes(id), `${id} in ${found.join(', ')}`);
    // The api service builds the seed Dockerfile, whose HEALTHCHECK the server reads from disk.
    const healthchecks = p.diagnostics.filter((d) => d.code === 'compose/missing-healthcheck');
    assert.ok(!healthchecks.some((d) => d.range.start.line === 2), 'api has a HEALTHCHECK in its Dockerfile');
    for (const d of p.diagnostics) {
      assert.equal(d.source, 'shipshape');
      assert.match(d.codeDescription?.href ?? '', /docs\/rules\/compose\/[a-z-]+\.md$/);
    }
    const secret = p.diagnostics.find(
      (d) => d.code === 'compose/plaintext-secret' && d.range.start.line === 18,
    );
    assert.deepEqual(secret?.range, { start: { line: 18, character: 26 }, end: { line: 18, character: 34 } });
  });

  it('"read it from the environment" is an unsafe quick fix that removes its finding', async () => {
    const diag = client
      .diagnostics(uri)
      .find((d) => d.code === 'compose/plaintext-secret' && d.range.start.line === 18);
    assert.ok(diag);
    const action = actionFor(await client.codeActions(uri, diag.range), /Read `POSTGRES_PASSWORD`/);
    assert.equal(action.kind, 'quickfix');
    assert.match(action.title, /changes behaviour/);
    const text = applyWorkspaceEdit(SEED, action.edit!, uri);
    assert.match(text, /- POSTGRES_PASSWORD=\$\{POSTGRES_PASSWORD:\?set POSTGRES_PASSWORD\}\n/);
    assert.deepEqual(parseCompose(text).problems, []);
    await client.change(uri, ++version, text);
    const p = await client.waitForDiagnostics(uri, undefined, version);
    assert.ok(!p.diagnostics.some((d) => d.code === 'compose/plaintext-secret' && d.range.start.line === 18));
    await client.change(uri, ++version, SEED);
    await client.waitForDiagnostics(uri, undefined, version);
  });

  it('source.fixAll.shipshape removes the obsolete version and nothing unsafe', async () => {
    const all = { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } };
    const actions = await client.codeActions(uri, all, ['source.fixAll.shipshape']);
    assert.equal(actions.length, 1);
    const text = applyWorkspaceEdit(SEED, (actions[0] as CodeAction).edit!, uri);
    assert.ok(!text.startsWith('version'), 'version removed');
    assert.equal(text, SEED.replace("version: '3.8'\n", ''), 'only safe fixes were applied');
    await client.change(uri, ++version, text);
    const p = await client.waitForDiagnostics(uri, undefined, version);
    assert.ok(!ids(p.diagnostics).includes('compose/obsolete-version'));
    await client.change(uri, ++version, SEED);
    await client.waitForDiagnostics(uri, undefined, version);
  });

  it('reads .env beside the file for interpolation', async () => {
    writeFileSync(join(dir, '.env'), 'DB_PORT=80800\n');
    const withPort = SEED.replace(
      '    image: postgres:15-alpine\n',
      '    image: postgres:15-alpine\n    ports:\n      - "${DB_PORT}:5432"\n',
    );
    await client.change(uri, ++version, withPort);
    const p = await client.waitForDiagnostics(uri, undefined, version);
    assert.ok(ids(p.diagnostics).includes('compose/invalid-port'), ids(p.diagnostics).join(', '));
    rmSync(join(dir, '.env'));
    await client.change(uri, ++version, SEED);
    await client.waitForDiagnostics(uri, undefined, version);
  });

  it('honours suppression comments on a key', async () => {
    const silenced = SEED.replace(
      "version: '3.8'\n",
      "# shipshape-ignore compose/obsolete-version -- kept for old tools\nversion: '3.8'\n",
    );
    await client.change(uri, ++version, silenced);
    const p = await client.waitForDiagnostics(uri, undefined, version);
    assert.ok(!ids(p.diagnostics).includes('compose/obsolete-version'));
    assert.ok(ids(p.diagnostics).includes('compose/resource-limits'));
  });

  it('never reports what Compose accepts as an error', async () => {
    const valid = [
      'x-base: &base',
      '  restart: unless-stopped',
      'services:',
      '  web:',
      '    <<: *base',
      '    image: nginx:${TAG:-1.27}',
      '    cpus: ${CPUS:-0.5}',
      '    ports: !override',
      '      - "${PORT}:80"',
      '    labels: !reset null',
      '    x-note: free-form',
      '',
    ].join('\n');
    await client.change(uri, ++version, valid);
    const p = await client.waitForDiagnostics(uri, undefined, version);
    assert.deepEqual(
      p.diagnostics.filter((d) => d.severity === 1).map((d) => `${String(d.code)}: ${d.message}`),
      [],
    );
  });

  it('clears diagnostics on close', async () => {
    await client.close(uri);
    const p = await client.waitForDiagnostics(uri);
    assert.deepEqual(p.diagnostics, []);
  });
});
