// The runner (run.mjs) exits 0 only when VS Code cannot be downloaded for lack of network; these cases pin down
// what counts as that. Run: node --import tsx --test test/vscode/classify.test.ts
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { classifyDownloadFailure } from './classify.mjs';

/** An error shaped like the ones node's https module raises. */
function sysError(code: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`${extra.syscall ?? 'connect'} ${code} ${extra.hostname ?? ''}`.trim()), {
    code,
    ...extra,
  });
}

test('DNS failure on update.code.visualstudio.com (what happens here without network) is offline', () => {
  const e = sysError('ENOTFOUND', {
    errno: -3008,
    syscall: 'getaddrinfo',
    hostname: 'update.code.visualstudio.com',
  });
  const r = classifyDownloadFailure(e);
  assert.equal(r.offline, true);
  assert.match(r.reason, /ENOTFOUND update\.code\.visualstudio\.com/);
});

test('EAI_AGAIN, refused and unreachable connections are offline', () => {
  for (const code of ['EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET'])
    assert.equal(classifyDownloadFailure(sysError(code)).offline, true, code);
  assert.equal(
    classifyDownloadFailure(sysError('EAI_AGAIN', { hostname: 'vscode.download.prss.microsoft.com' }))
      .offline,
    true,
  );
});

test("test-electron's own request timeout is offline", () => {
  const e = new Error('@vscode/test-electron request timeout out after 15000ms');
  assert.equal(classifyDownloadFailure(e).offline, true);
});

test('a network error wrapped as a cause is offline', () => {
  const e = new Error('fetch failed', {
    cause: sysError('ENOTFOUND', { hostname: 'update.code.visualstudio.com' }),
  });
  assert.equal(classifyDownloadFailure(e).offline, true);
});

test('"Failed to download and unzip" counts only when every attempt failed on the network', () => {
  const gaveUp = new Error('Failed to download and unzip VS Code 1.91.0');
  const net = sysError('ECONNRESET');
  assert.equal(classifyDownloadFailure(gaveUp, [net, net, net]).offline, true);
  assert.equal(classifyDownloadFailure(gaveUp, [net, new Error('Invalid zip file: x')]).offline, false);
  assert.equal(classifyDownloadFailure(gaveUp, []).offline, false);
});

test('anything else is a real failure', () => {
  const cases: unknown[] = [
    new TypeError("Cannot read properties of undefined (reading 'run')"),
    new SyntaxError("The requested module './missing.js' does not provide an export named 'x'"),
    Object.assign(new Error("Cannot find module '@vscode/test-electron'"), { code: 'ERR_MODULE_NOT_FOUND' }),
    new Error('Invalid version 1.999.0'),
    'Failed to get JSON',
    new Error('Failed to unzip archive, exited with 9'),
    sysError('ENOSPC', { syscall: 'write' }),
    sysError('EACCES', { syscall: 'mkdir' }),
    // A DNS failure for some other host is not "VS Code could not be downloaded".
    sysError('ENOTFOUND', { syscall: 'getaddrinfo', hostname: 'registry.npmjs.org' }),
    undefined,
  ];
  for (const e of cases) assert.equal(classifyDownloadFailure(e).offline, false, String(e));
});

// The runner end to end, without VS Code: `--no-build` skips `npm run build`; the suite is still compiled.
function runner(env: Record<string, string>) {
  const r = spawnSync(process.execPath, ['test/vscode/run.mjs', '--no-build'], {
    cwd: join(import.meta.dirname, '../..'),
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

test('the runner fails (exit 1, no skip message) when the suite does not compile', () => {
  // A suite whose import is broken: the compile step fails before any download, and is not taken for "offline".
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-broken-suite-'));
  const entry = join(dir, 'index.ts');
  writeFileSync(entry, "import { run as real } from './missing-module';\nexport const run = real;\n");
  try {
    const r = runner({ SHIPSHAPE_VSCODE_SUITE: entry });
    assert.equal(r.status, 1, r.out);
    assert.doesNotMatch(r.out, /skipped the test-electron suite/);
    assert.match(r.out, /Could not resolve "\.\/missing-module"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the runner skips with exit 0 and says why when VS Code cannot be downloaded', () => {
  // No network, simulated anywhere: an empty cache and a proxy on a closed port (test-electron honours
  // npm_config_https_proxy), so the version lookup fails with ECONNREFUSED.
  const cache = mkdtempSync(join(tmpdir(), 'shipshape-vscode-cache-'));
  try {
    const r = runner({ SHIPSHAPE_VSCODE_CACHE: cache, npm_config_https_proxy: 'http://127.0.0.1:9' });
    assert.equal(r.status, 0, r.out);
    assert.match(
      r.out,
      /VS Code could not be downloaded \(no network\): skipped the test-electron suite; the code-server e2e covers the same scenarios/,
    );
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});
