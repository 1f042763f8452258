import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LspClient } from './helpers/lsp-client';

/**
 * ShellCheck over LSP: the ordinary diagnostics are published first, without waiting for it; ShellCheck's
 * findings follow in a second publish of the same version. Without a binary the feature is silent.
 * CI installs Debian's shellcheck (.ci/run).
 */
const SERVER = 'server/out/server.js';
const TEXT = 'FROM debian:12\nRUN apt-get update \\\n    && ls $DIR\n';
const isShellcheck = (code: unknown): boolean => typeof code === 'string' && code.startsWith('shellcheck/');

describe('language server with ShellCheck', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start(SERVER);
  });
  after(() => client.shutdown());

  it('publishes ShellCheck findings after the first publish, at their place in the Dockerfile', async () => {
    const uri = 'untitled:sc/Dockerfile';
    await client.open(uri, 'dockerfile', TEXT);
    const first = await client.waitForDiagnostics(uri, undefined, 1);
    assert.ok(
      !first.diagnostics.some((d) => isShellcheck(d.code)),
      'the first publish does not wait for ShellCheck',
    );
    const second = await client.waitForDiagnostics(uri, (ds) => ds.some((d) => isShellcheck(d.code)), 1);
    assert.ok(second.seq > first.seq);
    const sc = second.diagnostics.filter((d) => isShellcheck(d.code));
    assert.deepEqual(
      sc.map((d) => ({ code: d.code, range: d.range, source: d.source, href: d.codeDescription?.href })),
      [
        {
          code: 'shellcheck/SC2086',
          range: { start: { line: 2, character: 10 }, end: { line: 2, character: 14 } },
          source: 'shipshape',
          href: 'https://www.shellcheck.net/wiki/SC2086',
        },
      ],
    );
    // The ordinary findings are still there.
    assert.deepEqual(
      second.diagnostics.filter((d) => !isShellcheck(d.code)).map((d) => d.code),
      first.diagnostics.map((d) => d.code),
    );
  });

  it('drops the finding once the RUN is fixed', async () => {
    const uri = 'untitled:sc2/Dockerfile';
    await client.open(uri, 'dockerfile', TEXT);
    await client.waitForDiagnostics(uri, (ds) => ds.some((d) => isShellcheck(d.code)), 1);
    await client.change(uri, 2, TEXT.replace('$DIR', '"$DIR"'));
    const fixed = await client.waitForDiagnostics(uri, undefined, 2);
    assert.ok(!fixed.diagnostics.some((d) => isShellcheck(d.code)));
  });
});

describe('language server without a ShellCheck binary', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start(SERVER, {
      settings: { shipshape: { shellcheck: { path: '/nonexistent/shellcheck' } } },
    });
  });
  after(() => client.shutdown());

  it('publishes no ShellCheck findings', async () => {
    const a = 'untitled:none-a/Dockerfile';
    const b = 'untitled:none-b/Dockerfile';
    await client.open(a, 'dockerfile', TEXT);
    await client.waitForDiagnostics(a, undefined, 1);
    await client.open(b, 'dockerfile', TEXT);
    await client.waitForDiagnostics(b, undefined, 1);
    await client.change(a, 2, TEXT + 'RUN echo $X\n');
    await client.waitForDiagnostics(a, undefined, 2);
    const all = client.published.flatMap((p) => p.diagnostics);
    assert.ok(all.length > 0);
    assert.ok(!all.some((d) => isShellcheck(d.code)));
  });
});
