/**
 * Bounds benchmark (not a test; nothing here fails on numbers).
 *
 *   node --import tsx scripts/bench/bounds.ts [--edits 20] [--mb 50] [--server server/out/server.js]
 *
 * How long a small Dockerfile takes to be diagnosed (didChange → publishDiagnostics for that version) by
 * one language server, in three situations:
 *   1. alone;
 *   2. while a 50 MB Dockerfile and two YAML alias bombs (nine anchors, each a list of nine aliases of the
 *      one before: a Compose file and a Kubernetes ConfigMap) are opened at the same moment, with the
 *      default `shipshape.maxFileSize`, so the 50 MB file is analysed for syntax errors only;
 *   3. the same with `shipshape.maxFileSize` raised to 1,000 MB, so the 50 MB file gets the full
 *      analysis. In both, the big file runs in the analysis workers and only their deadline and the move
 *      of stalled jobs to the other worker protect the small one.
 * Also reported: when each big document got its first publish after being opened, and what it said.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { start, type LspClient } from '../../test/helpers/lsp-client';

const ROOT = resolve(import.meta.dirname, '..', '..');
const COMMAND = 'node --import tsx scripts/bench/bounds.ts';
const SMALL =
  'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD python app.py\n';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function ms(x: number): string {
  return x.toFixed(x < 10 ? 2 : 1);
}

/** A Dockerfile of about `mb` megabytes: many short, valid stages. */
function bigDockerfile(mb: number): string {
  const stage = (k: number) =>
    `FROM alpine:3.20 AS s${k}\nRUN apk add --no-cache curl\nCOPY src/${k} /srv/${k}\nEXPOSE ${8000 + (k % 1000)}\n`;
  const parts: string[] = [];
  let size = 0;
  for (let k = 0; size < mb * 1024 * 1024; k++) {
    const s = stage(k);
    parts.push(s);
    size += s.length;
  }
  return parts.join('');
}

/** Nine anchors, each a list of nine aliases of the one before: 9^9 nodes once expanded. */
function aliasLines(prefix: string, indent: string): string[] {
  const names = 'abcdefghi'.split('').map((c) => `${prefix}${c}`);
  return names.map((n, i) =>
    i === 0
      ? `${indent}${n}: &${n} ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]`
      : `${indent}${n}: &${n} [${Array(9)
          .fill(`*${names[i - 1]}`)
          .join(', ')}]`,
  );
}

const COMPOSE_BOMB =
  ['services:', '  web:', '    image: nginx:1.27', ...aliasLines('x-', '')].join('\n') + '\n';
const K8S_BOMB =
  ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: bomb', 'data:', ...aliasLines('', '  ')].join(
    '\n',
  ) + '\n';

async function timeEdits(client: LspClient, uri: string, from: number, edits: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < edits; i++) {
    const version = from + i;
    const text = SMALL.replace('/app', `/app${version}`);
    const t0 = performance.now();
    await client.change(uri, version, text);
    const p = await client.waitForDiagnostics(uri, undefined, version);
    times.push(p.receivedAt - t0);
  }
  return times;
}

async function scenario(name: string, maxFileSize: number | undefined, mb: number, edits: number) {
  const dir = resolve(ROOT, '.cache/bench/bounds');
  mkdirSync(dir, { recursive: true });
  const server = resolve(ROOT, stringArg('--server') ?? 'server/out/server.js');
  const client = await start(server, {
    cwd: ROOT,
    rootUri: pathToFileURL(dir).href,
    timeoutMs: 120_000,
    settings: { shipshape: maxFileSize === undefined ? {} : { maxFileSize } },
  });
  const uri = (n: string) => pathToFileURL(resolve(dir, n)).href;
  const small = uri('Dockerfile');
  let t0 = performance.now();
  await client.open(small, 'dockerfile', SMALL);
  await client.waitForDiagnostics(small, undefined, 1);
  const openSmall = performance.now() - t0;
  const rows: string[][] = [];
  if (mb === 0) {
    const times = await timeEdits(client, small, 2, edits);
    rows.push([name, ms(openSmall), ms(median(times)), ms(Math.max(...times)), '-']);
  } else {
    const big = bigDockerfile(mb);
    const others = [
      { uri: uri('big.Dockerfile'), lang: 'dockerfile', text: big, label: `${mb} MB Dockerfile` },
      { uri: uri('compose.yaml'), lang: 'dockercompose', text: COMPOSE_BOMB, label: 'Compose alias bomb' },
      { uri: uri('bomb.yaml'), lang: 'yaml', text: K8S_BOMB, label: 'ConfigMap alias bomb' },
    ];
    t0 = performance.now();
    for (const o of others) await client.open(o.uri, o.lang, o.text);
    const firstEdit = performance.now();
    const times = await timeEdits(client, small, 2, edits);
    const firsts = await Promise.all(
      others.map(async (o) => {
        const p = await client.waitForDiagnostics(o.uri, undefined, 1);
        const found = p.diagnostics.find((d) => !d.code)?.message;
        const note = typeof found === 'string' ? found : `${p.diagnostics.length} diagnostics`;
        return `${o.label}: ${ms(p.receivedAt - t0)} ms (${note.slice(0, 70)})`;
      }),
    );
    rows.push([
      name,
      ms(openSmall),
      ms(median(times)),
      ms(Math.max(...times)),
      `first small edit sent ${ms(firstEdit - t0)} ms after the opens`,
    ]);
    for (const f of firsts) rows.push(['', '', '', '', f]);
  }
  await client.shutdown();
  return rows;
}

function stringArg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function numberArg(name: string, fallback: number): number {
  const v = Number(stringArg(name));
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

async function main(): Promise<void> {
  console.log(`$ ${COMMAND}${process.argv.length > 2 ? ' ' + process.argv.slice(2).join(' ') : ''}`);
  console.log(`node ${process.version}, ${process.platform}/${process.arch}\n`);
  const edits = numberArg('--edits', 20);
  const mb = numberArg('--mb', 50);
  const rows = [
    ...(await scenario('small Dockerfile alone', undefined, 0, edits)),
    ...(await scenario(`beside ${mb} MB + alias bombs`, undefined, mb, edits)),
    ...(await scenario('same, maxFileSize 1000', 1000, mb, edits)),
  ];
  const header = ['scenario', 'open ms', `median of ${edits} edits ms`, 'max ms', 'notes'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ');
  console.log([line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n'));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
