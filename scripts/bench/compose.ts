/**
 * Compose benchmark (not a test; nothing here fails on numbers).
 *
 *   node --import tsx scripts/bench/compose.ts [--engine-only | --lsp-only]
 *       [--services 300] [--edits 50] [--lsp-edits 30] [--server server/out/server.js]
 *
 * (a) Engine only: a generated Compose file of 300 services (~6,000 lines; anchors, merge keys, long and
 *     short syntax, interpolation, some services with flaws so that rules report). `Engine.analyze` once
 *     cold (which includes compiling the Compose schema), then after each of 50 one-character edits in the
 *     middle of the file, with the same Engine so its per-document parse cache is used as in the editor:
 *     edits that keep the length of the text (a character replaced), and edits that change it (a
 *     character typed), which move every service below the edit.
 * (b) Language servers, on the same file: ours (`server/out/server.js --stdio`, built by `npm run build`)
 *     and @microsoft/compose-language-service (`docker-compose-langserver --stdio`, the server behind the
 *     Docker extension's Compose support) as shipped, with its 1 s diagnostics debounce, and with
 *     `initializationOptions.diagnosticDelay: 0` to show its parsing cost alone. Each gets the file opened,
 *     then 30 edits (full-text didChange with the next version, one character replaced), interleaved
 *     between the servers. Measured: from sending didChange to the publishDiagnostics for that version
 *     (or, when a server publishes without versions, the next publish after the change).
 * Both run with the project merge on: the file includes a file and extends a service of another one, and
 * a `.env` beside it lists an override file in COMPOSE_FILE (the engine reads them through its host, the
 * servers from disk), so the rules that judge a service read the whole project.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { defaultConfig } from '../../server/src/core/config';
import type { Host } from '../../server/src/core/rule';
import { Engine } from '../../server/src/engine';
import { start, type LspClient } from '../../test/helpers/lsp-client';

const ROOT = resolve(import.meta.dirname, '..', '..');
const COMMAND = 'node --import tsx scripts/bench/compose.ts';

// ---------------------------------------------------------------------------------------------------------
// The generated Compose file
// ---------------------------------------------------------------------------------------------------------

/** mulberry32: a small deterministic PRNG, so every run lints the same file. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const IMAGES = [
  'python:3.12-slim',
  'node:20-alpine',
  'nginx:1.27-alpine',
  'redis:7-alpine',
  'postgres:16-alpine',
];

/** One service of 20 lines. `k` numbers it; `r` decides which flaws it carries. */
function service(k: number, r: () => number): string[] {
  const flawed = () => r() < 0.2;
  const port = 8000 + (k % 1000);
  const lines = [`  svc${k}:`];
  if (k % 3 === 0) lines.push('    <<: *common');
  else lines.push('    restart: unless-stopped');
  if (k % 4 === 0)
    lines.push(`    build: ./services/svc${k}`, `    image: registry.example.com/svc${k}:\${TAG:-1.${k}.0}`);
  else lines.push(`    image: ${flawed() ? 'busybox' : (IMAGES[k % IMAGES.length] as string)}`);
  lines.push(
    '    environment:',
    '      LOG_LEVEL: info',
    `      SERVICE_${k}_REVISION: r0`,
    flawed()
      ? `      DATABASE_URL: postgres://app:hunter${k}@svc0:5432/app`
      : '      DATABASE_URL: postgres://app:${DB_PASSWORD:?set DB_PASSWORD}@svc0:5432/app',
    '    ports:',
    flawed() ? `      - "${port}:${port}"` : `      - "127.0.0.1:${10000 + k}:${port}"`,
  );
  if (k > 0) lines.push('    depends_on:', `      svc${k - 1}:`, '        condition: service_started');
  else lines.push('    expose:', `      - "${port}"`, '    stop_grace_period: 30s');
  if (!flawed())
    lines.push(
      '    healthcheck:',
      `      test: ["CMD", "curl", "-f", "http://localhost:${port}/health"]`,
      '      interval: 30s',
    );
  else lines.push('    healthcheck:', '      disable: true', '    init: true');
  lines.push(
    '    deploy: { resources: { limits: { cpus: "0.5", memory: 512M } } }',
    '    logging: *logging',
    '    networks: [backend]',
  );
  const padding = [
    `    labels: { tier: "t${k % 7}" }`,
    '    stop_signal: SIGTERM',
    '    tty: false',
    '    stdin_open: false',
  ];
  while (lines.length < 20) lines.push(padding.shift() ?? '    init: false');
  return lines.slice(0, 20);
}

/** The other files of the project, relative to the Compose file: what the project merge reads. */
const PROJECT: Record<string, string> = {
  '.env': 'COMPOSE_FILE=compose.yaml:compose.override.yaml\nCOMPOSE_PROFILES=debug\nTAG=1.2.3\n',
  'compose.override.yaml': 'services:\n  svc0:\n    ports:\n      - "127.0.0.1:9999:80"\n',
  'infra/db.yaml':
    'services:\n  bench-db:\n    image: postgres:16.4\nnetworks:\n  infra: {}\nvolumes:\n  bench-db-data: {}\n',
  'common/base.yaml': 'services:\n  base:\n    image: nginx:1.27\n    restart: unless-stopped\n',
};

/** A Compose file of `count` services (about 20 lines each). */
export function generateCompose(count: number, seed = 42): string {
  const r = prng(seed);
  const lines = [
    'name: bench',
    'x-logging: &logging',
    '  driver: json-file',
    '  options:',
    '    max-size: "10m"',
    '    max-file: "3"',
    'x-common: &common',
    '  restart: unless-stopped',
    '  security_opt:',
    '    - no-new-privileges:true',
    '',
    'include:',
    '  - infra/db.yaml',
    '',
    'services:',
    '  from-base:',
    '    extends:',
    '      file: common/base.yaml',
    '      service: base',
  ];
  for (let k = 0; k < count; k++) lines.push(...service(k, r));
  lines.push('', 'networks:', '  backend:', '    driver: bridge', '');
  return lines.join('\n');
}

/** Where to edit: the `SERVICE_n_REVISION: r0` value closest to the middle of the file. */
function editPoint(text: string): number {
  const middle = Math.floor(text.length / 2);
  let best = -1;
  for (const m of text.matchAll(/_REVISION: r(\w)/g)) {
    const at = (m.index ?? 0) + m[0].length - 1;
    if (best < 0 || Math.abs(at - middle) < Math.abs(best - middle)) best = at;
  }
  if (best < 0) throw new Error('generated file has no edit point');
  return best;
}

const EDIT_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** The text after edit `i` (from 1): one character at the edit point, different at every edit. */
function edited(text: string, at: number, i: number): string {
  return text.slice(0, at) + (EDIT_CHARS[i % EDIT_CHARS.length] as string) + text.slice(at + 1);
}

/** The text after typing `i` characters at the edit point: every service below it moves. */
function typed(text: string, at: number, i: number): string {
  return text.slice(0, at + 1) + EDIT_CHARS.slice(0, i % 20 || 1) + text.slice(at + 1);
}

// ---------------------------------------------------------------------------------------------------------
// Statistics and output
// ---------------------------------------------------------------------------------------------------------

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Nearest-rank percentile. */
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)] as number;
}

function ms(x: number): string {
  return x.toFixed(x < 10 ? 2 : 1);
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function lineCount(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

// ---------------------------------------------------------------------------------------------------------
// (a) Engine only
// ---------------------------------------------------------------------------------------------------------

function benchEngine(services: number, edits: number): void {
  const text = generateCompose(services);
  const at = editPoint(text);
  const host: Host = {
    fileName: 'compose.yaml',
    exists: (p) => p in PROJECT || !p.endsWith('.yaml'),
    read: (p) => PROJECT[p],
  };
  const config = defaultConfig();
  const engine = new Engine();
  const file = { name: 'bench/compose.yaml', languageId: 'dockercompose' };

  let t0 = performance.now();
  const first = engine.analyze({ ...file, text }, config, host);
  const cold = performance.now() - t0;

  const replaced: number[] = [];
  let last = first;
  for (let i = 1; i <= edits; i++) {
    const next = edited(text, at, i);
    t0 = performance.now();
    last = engine.analyze({ ...file, text: next }, config, host);
    replaced.push(performance.now() - t0);
  }
  const inserted: number[] = [];
  for (let i = 1; i <= edits; i++) {
    const next = typed(text, at, i);
    t0 = performance.now();
    engine.analyze({ ...file, text: next }, config, host);
    inserted.push(performance.now() - t0);
  }

  t0 = performance.now();
  new Engine().analyze({ ...file, text: edited(text, at, edits + 1) }, config, host);
  const freshWarm = performance.now() - t0;

  const byRule = new Map<string, number>();
  for (const f of last?.findings ?? []) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
  const editLine = text.slice(0, at).split('\n').length;

  console.log(
    `(a) Engine.analyze — ${services} services, ${lineCount(text)} lines, ${text.length} characters, edits at line ${editLine}`,
  );
  console.log(
    table(
      ['run', 'ms'],
      [
        ['cold (first call; compiles the schema)', ms(cold)],
        [`a character replaced, median of ${edits}`, ms(median(replaced))],
        [`a character replaced, p95 of ${edits}`, ms(percentile(replaced, 95))],
        [`characters typed (text below moves), median of ${edits}`, ms(median(inserted))],
        [`characters typed, p95 of ${edits}`, ms(percentile(inserted, 95))],
        ['new Engine (no parse cache), warm JIT', ms(freshWarm)],
      ],
    ),
  );
  console.log(
    `findings: ${last?.findings.length ?? 0}` +
      (byRule.size ? ` (${[...byRule].map(([id, n]) => `${id} ${n}`).join(', ')})` : '') +
      (last?.internalErrors.length ? `; internal errors: ${last.internalErrors.length}` : ''),
  );
  console.log();
}

// ---------------------------------------------------------------------------------------------------------
// (b) Language servers
// ---------------------------------------------------------------------------------------------------------

interface ServerRun {
  name: string;
  path: string;
  initializationOptions?: unknown;
  client?: LspClient;
  uri: string;
  openMs?: number;
  times: number[];
  versioned: boolean;
  diagnostics: number;
  error?: string;
}

async function benchServers(services: number, edits: number): Promise<void> {
  const text = generateCompose(services, 7);
  const at = editPoint(text);
  const ours = resolve(ROOT, stringArg('--server') ?? 'server/out/server.js');
  const theirs = resolve(
    ROOT,
    'node_modules/@microsoft/compose-language-service/bin/docker-compose-langserver',
  );
  const theirVersion = (
    JSON.parse(
      readFileSync(resolve(ROOT, 'node_modules/@microsoft/compose-language-service/package.json'), 'utf8'),
    ) as { version: string }
  ).version;
  const dir = resolve(ROOT, '.cache/bench-compose');
  const runs: ServerRun[] = [
    { name: 'shipshape', path: ours, uri: '', times: [], versioned: false, diagnostics: 0 },
    {
      name: `compose-language-service ${theirVersion} (as shipped)`,
      path: theirs,
      uri: '',
      times: [],
      versioned: false,
      diagnostics: 0,
    },
    {
      name: 'compose-language-service, diagnosticDelay 0',
      path: theirs,
      initializationOptions: { diagnosticDelay: 0 },
      uri: '',
      times: [],
      versioned: false,
      diagnostics: 0,
    },
  ];
  for (const [i, run] of runs.entries()) {
    run.uri = pathToFileURL(resolve(dir, `server${i}`, 'compose.yaml')).href;
    // The project on disk, for the merge: the open file's own text comes from the editor.
    for (const [rel, body] of Object.entries({ ...PROJECT, 'compose.yaml': text })) {
      const path = resolve(dir, `server${i}`, rel);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, body);
    }
  }

  console.log(
    `(b) Language servers — ${services} services, ${lineCount(text)} lines, ${edits} edits each, interleaved`,
  );
  for (const run of runs) {
    if (!existsSync(run.path)) {
      run.error = `${run.path} not found${run.name === 'shipshape' ? ' (run npm run build)' : ''}`;
      continue;
    }
    try {
      run.client = await start(run.path, {
        cwd: ROOT,
        timeoutMs: 30_000,
        initializationOptions: run.initializationOptions,
      });
      const t0 = performance.now();
      await run.client.open(run.uri, 'dockercompose', text);
      const p = await run.client.waitForDiagnostics(run.uri);
      run.openMs = p.receivedAt - t0;
      run.diagnostics = p.diagnostics.length;
    } catch (e) {
      run.error = (e as Error).message.split('\n')[0];
    }
  }

  for (let i = 1; i <= edits; i++) {
    const next = edited(text, at, i);
    const version = i + 1;
    for (const run of runs) {
      const client = run.client;
      if (!client || run.error) continue;
      try {
        const sentAt = performance.now();
        // Waits count from the change just sent, so asking after sending cannot miss a fast answer.
        await client.change(run.uri, version, next);
        const p = await client.waitForDiagnostics(run.uri, undefined, version);
        run.times.push(p.receivedAt - sentAt);
        run.diagnostics = p.diagnostics.length;
        if (p.version === version) run.versioned = true;
      } catch (e) {
        run.error = (e as Error).message.split('\n')[0];
      }
    }
  }

  console.log(
    table(
      ['server', 'open ms', 'median ms', 'p95 ms', 'diagnostics', 'matched on'],
      runs.map((r) =>
        r.error && r.times.length === 0
          ? [r.name, '-', '-', '-', '-', `error: ${r.error}`]
          : [
              r.name,
              r.openMs === undefined ? '-' : ms(r.openMs),
              r.times.length ? ms(median(r.times)) : '-',
              r.times.length ? ms(percentile(r.times, 95)) : '-',
              String(r.diagnostics),
              (r.versioned ? 'version' : 'next publish') + (r.error ? ` (then error: ${r.error})` : ''),
            ],
      ),
    ),
  );
  await Promise.all(runs.map((r) => r.client?.shutdown()));
}

// ---------------------------------------------------------------------------------------------------------

function stringArg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
}

async function main(): Promise<void> {
  console.log(`$ ${COMMAND}${process.argv.length > 2 ? ' ' + process.argv.slice(2).join(' ') : ''}`);
  console.log(`node ${process.version}, ${process.platform}/${process.arch}\n`);
  const engineOnly = process.argv.includes('--engine-only');
  const lspOnly = process.argv.includes('--lsp-only');
  const services = numberArg('--services', 300);
  if (!lspOnly) benchEngine(services, numberArg('--edits', 50));
  if (!engineOnly) await benchServers(services, numberArg('--lsp-edits', 30));
}

// Run, not when scripts/bench/editor.ts imports the generator.
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename))
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
