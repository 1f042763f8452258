import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { parseDockerfile } from '../server/src/languages/dockerfile';
import { applyWorkspaceEdit, filesCreatedBy, LspClient } from './helpers/lsp-client';

/**
 * Specifications of the language server as an editor sees it: the real bundle, spawned over stdio,
 * driven by a JSON-RPC client. Every wait is on a server event, never on a timer.
 */
const SERVER = 'server/out/server.js';
const DJANGO = readFileSync('test/golden/dockerfile/seed003-django-single-stage/Dockerfile', 'utf8');

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

describe('language server over stdio', () => {
  let dir: string;
  let client: LspClient;
  let uri: string;
  let version = 1;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-lsp-'));
    const file = join(dir, 'Dockerfile');
    writeFileSync(file, DJANGO);
    // The project the Dockerfile builds: the dependency manifest must exist for the reorder fix.
    mkdirSync(join(dir, 'requirements'));
    writeFileSync(join(dir, 'requirements', 'production.txt'), 'gunicorn==21.2.0\n');
    uri = pathToFileURL(file).toString();
    // Every rule: the hardening advice below (a missing HEALTHCHECK) is not in the `recommended` preset.
    client = await LspClient.start(SERVER, {
      rootUri: pathToFileURL(dir).toString(),
      settings: { shipshape: { preset: 'strict' } },
    });
  });

  after(async () => {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes diagnostics on open with rule ids, source and docs links', async () => {
    await client.open(uri, 'dockerfile', DJANGO);
    const p = await client.waitForDiagnostics(uri, undefined, 1);
    assert.equal(p.version, 1);
    const found = ids(p.diagnostics);
    for (const id of [
      'dockerfile/no-root-user',
      'dockerfile/toolchain-in-final-stage',
      'dockerfile/json-args',
      'dockerfile/missing-healthcheck',
      'dockerfile/dockerignore-missing',
      'dockerfile/copy-before-install',
    ])
      assert.ok(found.includes(id), `${id} in ${found.join(', ')}`);
    for (const d of p.diagnostics) {
      assert.equal(d.source, 'shipshape');
      assert.match(d.codeDescription?.href ?? '', /docs\/rules\/dockerfile\/[a-z-]+\.md$/);
      assert.ok(
        d.range.end.line > d.range.start.line || d.range.end.character > d.range.start.character,
        'non-empty range',
      );
    }
    const cmd = p.diagnostics.find((d) => d.code === 'dockerfile/json-args');
    assert.deepEqual(cmd?.range, { start: { line: 19, character: 4 }, end: { line: 19, character: 81 } });
  });

  it('hover: per finding under the cursor, its message, the opening of its why and a link', async () => {
    const diag = client.diagnostics(uri).find((d) => d.code === 'dockerfile/no-root-user');
    assert.ok(diag);
    const hover = await client.hover(uri, diag.range.start);
    const value =
      hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    // The FROM line also carries the missing HEALTHCHECK: two compact blocks, not two rule pages.
    assert.equal(
      value,
      [
        '**The final image starts gunicorn but has no HEALTHCHECK, so Docker only knows that the process runs, not that it still answers.**',
        '',
        'Without a HEALTHCHECK, `docker ps`, Compose `depends_on: condition: service_healthy`, Swarm and ECS treat a server that is deadlocked or stuck at startup as healthy for as long as its process lives.',
        '',
        '[dockerfile/missing-healthcheck](https://github.com/shipshape-dev/shipshape/blob/main/docs/rules/dockerfile/missing-healthcheck.md)',
        '',
        '---',
        '',
        '**The final stage never sets USER, so the container runs as root; a compromised process then has root in the container.**',
        '',
        'A process running as root inside a container is one kernel bug or misconfigured mount away from root on the host, and can rewrite its own image at run time.',
        '',
        '[dockerfile/no-root-user](https://github.com/shipshape-dev/shipshape/blob/main/docs/rules/dockerfile/no-root-user.md)',
      ].join('\n'),
    );
  });

  it('"add a non-root user" is the preferred quick fix and removes its finding', async () => {
    const diag = client.diagnostics(uri).find((d) => d.code === 'dockerfile/no-root-user');
    assert.ok(diag);
    const actions = await client.codeActions(uri, diag.range);
    const action = actionFor(actions, /non-root user/);
    assert.equal(action.kind, 'quickfix');
    assert.equal(action.isPreferred, true);
    assert.match(action.title, /changes behaviour/);
    const text = applyWorkspaceEdit(DJANGO, action.edit!, uri);
    assert.match(
      text,
      /useradd --system --uid 1001 --gid app --create-home app && chown -R app:app \/app\nUSER app\n/,
    );
    assert.equal(parseDockerfile(text).syntaxErrors.length, 0);
    await client.change(uri, ++version, text);
    const p = await client.waitForDiagnostics(uri, undefined, version);
    assert.ok(!ids(p.diagnostics).includes('dockerfile/no-root-user'));
    await client.change(uri, ++version, DJANGO);
    await client.waitForDiagnostics(uri, undefined, version);
  });

  it('"split into builder and runtime stages" removes the toolchain from the runtime stage', async () => {
    const diag = client.diagnostics(uri).find((d) => d.code === 'dockerfile/toolchain-in-final-stage');
    assert.ok(diag);
    const action = actionFor(
      await client.codeActions(uri, diag.range),
      /Split into builder and runtime stages/,
    );
    const text = applyWorkspaceEdit(DJANGO, action.edit!, uri);
    const model = parseDockerfile(text);
    assert.equal(model.syntaxErrors.length, 0);
    assert.equal(model.stages.length, 2);
    const runtime = text.slice(text.indexOf('# Runtime stage'));
    assert.doesNotMatch(runtime, /build-essential|libpq-dev/);
    assert.match(runtime, /libpq5/);
    assert.match(runtime, /COPY --from=builder \/opt\/venv \/opt\/venv/);
    await client.change(uri, ++version, text);
    const p = await client.waitForDiagnostics(uri, undefined, version);
    assert.ok(!ids(p.diagnostics).includes('dockerfile/toolchain-in-final-stage'));
    await client.change(uri, ++version, DJANGO);
    await client.waitForDiagnostics(uri, undefined, version);
  });

  it('source.fixAll.shipshape applies only safe fixes, and creates .dockerignore', async () => {
    const all = { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } };
    const actions = await client.codeActions(uri, all, ['source.fixAll.shipshape']);
    assert.equal(actions.length, 1);
    const action = actions[0] as CodeAction;
    assert.equal(action.kind, 'source.fixAll.shipshape');
    const text = applyWorkspaceEdit(DJANGO, action.edit!, uri);
    const created = filesCreatedBy(action.edit!);
    const ignoreUri = pathToFileURL(join(dir, '.dockerignore')).toString();
    assert.ok(created.get(ignoreUri)?.includes('.git'), 'creates .dockerignore');
    assert.match(text, /CMD \["gunicorn", "config.wsgi:application"/);
    writeFileSync(join(dir, '.dockerignore'), created.get(ignoreUri) ?? '');
    await client.change(uri, ++version, text);
    const p = await client.waitForDiagnostics(uri, undefined, version);
    const left = ids(p.diagnostics);
    for (const gone of [
      'dockerfile/json-args',
      'dockerfile/dockerignore-missing',
      'dockerfile/copy-before-install',
    ])
      assert.ok(!left.includes(gone), `${gone} fixed`);
    // Behaviour-changing fixes are left for the user to choose.
    assert.ok(left.includes('dockerfile/no-root-user'));
    rmSync(join(dir, '.dockerignore'));
    await client.change(uri, ++version, DJANGO);
    await client.waitForDiagnostics(uri, undefined, version);
  });

  it('publishes versions in order under a burst of edits and ends on the newest', async () => {
    const first = version + 1;
    for (let i = 0; i < 8; i++) await client.change(uri, ++version, DJANGO + `# edit ${i}\n`);
    const last = await client.waitForDiagnostics(uri, undefined, version);
    assert.equal(last.version, version);
    const seen = client.published
      .filter((p) => p.uri === uri && (p.version ?? 0) >= first)
      .map((p) => p.version ?? 0);
    assert.deepEqual(
      seen,
      [...seen].sort((a, b) => a - b),
      'versions never go backwards',
    );
    assert.ok(seen.length <= 8);
  });

  it('follows settings: a rule turned off disappears', async () => {
    await client.updateSettings({ shipshape: { rules: { 'dockerfile/json-args': 'off' } } });
    const p = await client.waitForDiagnostics(uri, (d) => !d.some((x) => x.code === 'dockerfile/json-args'));
    assert.ok(ids(p.diagnostics).includes('dockerfile/no-root-user'));
    await client.updateSettings({});
    await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'dockerfile/json-args'));
  });

  it('stays up on hostile input: binary bytes, a huge file, half-typed instructions', async () => {
    const junk = 'untitled:Dockerfile';
    await client.open(junk, 'dockerfile', '\u0000\u0001\u0002FROM\u0000 \uFFFD\r\r\n\t\tRUN \\\n');
    await client.waitForDiagnostics(junk);
    const huge = Array.from({ length: 20000 }, (_, i) => `RUN echo ${i} && apt-get install curl`).join('\n');
    await client.change(junk, 2, 'FROM alpine:3.20\n' + huge);
    const p = await client.waitForDiagnostics(junk, undefined, 2);
    assert.ok(p.diagnostics.length > 0);
    await client.change(junk, 3, 'FROM alpine:3.20 AS\nCOPY --from=\nRUN <<EOF\nunterminated');
    await client.waitForDiagnostics(junk, undefined, 3);
    await client.close(junk);
  });

  it('clears diagnostics on close', async () => {
    await client.close(uri);
    const p = await client.waitForDiagnostics(uri);
    assert.deepEqual(p.diagnostics, []);
  });
});
