/**
 * Editing benchmark (not a test; nothing here fails on numbers).
 *
 *   node --import tsx scripts/bench/editor.ts [--requests 200] [--server server/out/server.js]
 *
 * Over the language server (`server/out/server.js --stdio`, built by `npm run build`) on the files of the
 * other benchmarks: the ~2,000-line Dockerfile (dockerfile.ts), the 300-service Compose file (compose.ts)
 * and the 600-document Kubernetes file (kubernetes.ts). For each: `--requests` completions and as many
 * hovers at positions spread over the file (start of a line, inside a word, after `key: `), from sending
 * the request to its answer; then the same completions each sent right after a one-character edit, while
 * the edit's analysis runs, to show completion does not wait for it. Reported: p50, p95 and max.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { Position } from 'vscode-languageserver';
import { start, type LspClient } from '../../test/helpers/lsp-client';
import { generateCompose } from './compose';
import { generateDockerfile } from './dockerfile';
import { generateManifests } from './kubernetes';

const ROOT = resolve(import.meta.dirname, '..', '..');
const COMMAND = 'node --import tsx scripts/bench/editor.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

function summary(xs: number[]): string {
  const f = (n: number) => `${n.toFixed(1)} ms`;
  return `p50 ${f(percentile(xs, 50))}, p95 ${f(percentile(xs, 95))}, max ${f(Math.max(...xs))} (n=${xs.length})`;
}

/** Positions spread evenly over the file: line start, the middle of the first word, after `: `. */
function positions(text: string, count: number): Position[] {
  const lines = text.split('\n');
  const out: Position[] = [];
  for (let k = 0; k < count; k++) {
    const line = Math.floor(((k + 0.5) / count) * lines.length);
    const t = lines[line] ?? '';
    const indent = t.length - t.trimStart().length;
    const colon = t.indexOf(': ');
    const character =
      k % 3 === 0 ? indent : k % 3 === 1 ? Math.min(t.length, indent + 2) : colon >= 0 ? colon + 2 : t.length;
    out.push({ line, character });
  }
  return out;
}

async function timed<T>(f: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

async function benchFile(
  client: LspClient,
  label: string,
  name: string,
  languageId: string,
  text: string,
  requests: number,
): Promise<void> {
  const uri = pathToFileURL(resolve(ROOT, '.cache/bench-editor', name)).href;
  await client.open(uri, languageId, text);
  await client.waitForDiagnostics(uri, undefined, 1);
  const at = positions(text, requests);
  const request = (method: string, position: Position) =>
    client.request(method, { textDocument: { uri }, position });
  // One request first: the editor worker loads and parses this version.
  await request('textDocument/completion', at[0] ?? { line: 0, character: 0 });
  const completion: number[] = [];
  const hover: number[] = [];
  for (const p of at) completion.push(await timed(() => request('textDocument/completion', p)));
  for (const p of at) hover.push(await timed(() => request('textDocument/hover', p)));
  const busy: number[] = [];
  let version = 1;
  const lines = text.split('\n');
  for (const p of at.slice(0, Math.min(30, at.length))) {
    // A one-character edit on the line above the cursor; completion is asked at once, while it is analysed.
    const l = Math.max(0, p.line - 1);
    lines[l] = `${lines[l] ?? ''} `;
    await client.change(uri, ++version, lines.join('\n'));
    busy.push(await timed(() => request('textDocument/completion', p)));
  }
  await client.waitForDiagnostics(uri, undefined, version);
  console.log(`${label} (${text.split('\n').length} lines)`);
  console.log(`  completion            ${summary(completion)}`);
  console.log(`  hover                 ${summary(hover)}`);
  console.log(`  completion after edit ${summary(busy)}`);
  await client.close(uri);
}

async function main(): Promise<void> {
  console.log(`$ ${COMMAND}${process.argv.length > 2 ? ' ' + process.argv.slice(2).join(' ') : ''}`);
  console.log(`node ${process.version}, ${process.platform}/${process.arch}\n`);
  const requests = Number(arg('--requests') ?? 200);
  const client = await start(resolve(ROOT, arg('--server') ?? 'server/out/server.js'), {
    timeoutMs: 120_000,
  });
  try {
    await benchFile(client, 'Dockerfile', 'Dockerfile', 'dockerfile', generateDockerfile(2000), requests);
    await benchFile(client, 'Compose', 'compose.yaml', 'dockercompose', generateCompose(300), requests);
    await benchFile(client, 'Kubernetes', 'manifests.yaml', 'yaml', generateManifests(600), requests);
  } finally {
    await client.shutdown();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
