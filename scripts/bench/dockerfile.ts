/**
 * Dockerfile benchmark (not a test; nothing here fails on numbers).
 *
 *   node --import tsx scripts/bench/dockerfile.ts [--engine-only | --lsp-only]
 *       [--lines 2000] [--edits 50] [--long-lines 20000] [--lsp-lines 1760] [--lsp-edits 30]
 *       [--server server/out/server.js]
 *
 * (a) Engine only: a generated ~2,000-line multi-stage Dockerfile, clean and flawed instructions mixed so
 *     rules report. `Engine.analyze` once cold, then after each of 50 one-character edits in the middle of
 *     the file (the same Engine, so its per-document parse cache is used as in the editor).
 * (b) Language servers: ours (`server/out/server.js --stdio`, built by `npm run build`) and
 *     dockerfile-language-server-nodejs (`docker-langserver --stdio`) on a ~1,760-line file. Each gets the
 *     file opened, then 30 edits (full-text didChange with the next version, one character changed),
 *     interleaved between the two servers. Measured: from sending didChange to the publishDiagnostics for
 *     that version (or, when a server publishes without versions, the next publish after the change).
 *     Then Shipshape with ShellCheck on, alone: the first publish of each version (typing must not wait
 *     for ShellCheck) and the later one that carries ShellCheck's findings (its cost).
 * (d) ShellCheck's own cost: `shipshape lint` on the same file with and without it (every RUN checked,
 *     nothing cached), when a shellcheck binary is on PATH.
 * (c) Long instructions: one RUN continued over 20,000 lines and an unterminated heredoc before 20,000
 *     lines (and a quarter and half of that), each analysed once, to show the cost grows linearly.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { defaultConfig } from '../../server/src/core/config';
import type { Host } from '../../server/src/core/rule';
import { Engine } from '../../server/src/engine';
import { start, type LspClient } from '../../test/helpers/lsp-client';

const ROOT = resolve(import.meta.dirname, '..', '..');
const COMMAND = 'node --import tsx scripts/bench/dockerfile.ts';

// ---------------------------------------------------------------------------------------------------------
// The generated Dockerfile
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

const PY_BASES = ['python:3.12-slim', 'python:3.11-slim-bookworm', 'python:latest', 'python'];
const NODE_BASES = ['node:20-alpine', 'node:${NODE_VERSION}-alpine', 'node:lts', 'node:latest'];
const OS_BASES = ['debian:12-slim', 'ubuntu:24.04', 'alpine:3.20', 'ubuntu'];

/** One builder/service stage of 30–45 lines. `k` numbers it; `r` decides which flaws it carries. */
function stage(k: number, r: () => number): string[] {
  const flawed = () => r() < 0.35;
  const kind = k % 3;
  const port = 8000 + k;
  const lines: string[] = [`# ---- service ${k} ----`];
  if (kind === 0) {
    lines.push(`FROM ${PY_BASES[Math.floor(r() * PY_BASES.length)]} AS svc${k}`);
    lines.push(
      `ARG APP_VERSION=1.${k}.0`,
      `ENV PYTHONDONTWRITEBYTECODE=1 \\`,
      `    PYTHONUNBUFFERED=1 \\`,
      `    APP_HOME=/srv/svc${k} \\`,
      `    SERVICE_${k}_REVISION=r0`,
      `WORKDIR /srv/svc${k}`,
    );
    if (flawed()) lines.push(`RUN apt-get update && apt-get install -y gcc git curl`);
    else
      lines.push(
        `RUN apt-get update \\`,
        `    && apt-get install -y --no-install-recommends \\`,
        `        build-essential \\`,
        `        libpq-dev \\`,
        `        curl \\`,
        `    && rm -rf /var/lib/apt/lists/*`,
      );
    if (flawed()) lines.push(`COPY . .`, `RUN pip install -r requirements/svc${k}.txt`);
    else
      lines.push(
        `COPY requirements/svc${k}.txt ./requirements.txt`,
        `RUN pip install --no-cache-dir -r requirements.txt`,
        `COPY src/svc${k} ./src`,
      );
    lines.push(
      `RUN python -m compileall -q src \\`,
      `    && find . -name '*.pyc' -delete`,
      `LABEL org.opencontainers.image.title="svc${k}" \\`,
      `      org.opencontainers.image.version="1.${k}.0"`,
    );
    if (!flawed())
      lines.push(
        `RUN groupadd --system --gid 10001 app \\`,
        `    && useradd --system --no-log-init --uid 10001 --gid app app`,
        `USER app`,
      );
    lines.push(`EXPOSE ${port}`);
    if (!flawed())
      lines.push(
        `HEALTHCHECK --interval=30s --timeout=3s --retries=3 \\`,
        `    CMD curl -fsS http://localhost:${port}/health || exit 1`,
      );
    lines.push(
      flawed()
        ? `CMD gunicorn svc${k}.wsgi:application --bind 0.0.0.0:${port} --workers 3`
        : `CMD ["gunicorn", "svc${k}.wsgi:application", "--bind", "0.0.0.0:${port}", "--workers", "3"]`,
    );
  } else if (kind === 1) {
    lines.push(`FROM ${NODE_BASES[Math.floor(r() * NODE_BASES.length)]} AS web${k}`);
    lines.push(`ENV NODE_ENV=production \\`, `    SERVICE_${k}_REVISION=r0`, `WORKDIR /app/web${k}`);
    if (flawed()) lines.push(`COPY . .`, `RUN npm install`);
    else
      lines.push(`COPY web${k}/package.json web${k}/package-lock.json ./`, `RUN npm ci`, `COPY web${k}/ ./`);
    lines.push(
      `RUN npm run build \\`,
      `    && npm prune --omit=dev`,
      flawed() ? `RUN apk add curl bash` : `RUN apk add --no-cache curl`,
      `ADD https://example.com/assets/web${k}.tar.gz /tmp/`,
      `RUN mkdir -p /app/web${k}/public \\`,
      `    && tar -xzf /tmp/web${k}.tar.gz -C /app/web${k}/public \\`,
      `    && rm /tmp/web${k}.tar.gz`,
      `EXPOSE ${port}`,
      flawed() ? `USER root` : `USER node`,
      flawed() ? `ENTRYPOINT node server.js` : `ENTRYPOINT ["node", "server.js"]`,
    );
  } else {
    lines.push(`FROM ${OS_BASES[Math.floor(r() * OS_BASES.length)]} AS tools${k}`);
    lines.push(`ARG TARGETARCH`, `ENV SERVICE_${k}_REVISION=r0`, `SHELL ["/bin/sh", "-o", "pipefail", "-c"]`);
    if (flawed()) lines.push(`RUN cd /opt && wget -qO- https://example.com/tool${k}.tgz | tar xz`);
    else
      lines.push(
        `WORKDIR /opt/tool${k}`,
        `RUN wget -qO- "https://example.com/tool${k}-\${TARGETARCH}.tgz" \\`,
        `    | tar -xz --strip-components=1`,
      );
    lines.push(
      flawed() ? `RUN sudo chmod -R 777 /opt` : `RUN chmod 0755 /opt/tool${k}/bin/tool`,
      `COPY --from=svc${Math.max(0, k - 2)} /srv /srv`,
      `VOLUME /data/tool${k}`,
      `STOPSIGNAL SIGTERM`,
      `ONBUILD RUN echo "building on tool${k}"`,
      `MAINTAINER ops@example.com`,
      `HEALTHCHECK NONE`,
    );
  }
  lines.push('');
  return lines;
}

/** A multi-stage Dockerfile of about `target` lines, ending with a final runtime stage. */
export function generateDockerfile(target: number, seed = 42): string {
  const r = prng(seed);
  const lines = ['# syntax=docker/dockerfile:1', 'ARG NODE_VERSION=20', ''];
  const final = [
    '# ---- final ----',
    'FROM python:3.12-slim',
    'RUN apt-get update && apt-get install -y build-essential && rm -rf /var/lib/apt/lists/*',
    'COPY --from=svc0 /srv/svc0 /srv/app',
    'WORKDIR /srv/app',
    'EXPOSE 8000',
    'CMD python -m app',
  ];
  for (let k = 0; lines.length + final.length < target; k++) lines.push(...stage(k, r));
  return [...lines, ...final].join('\n') + '\n';
}

/** Where to edit: the `SERVICE_n_REVISION=r0` value closest to the middle of the file. */
function editPoint(text: string): number {
  const middle = Math.floor(text.length / 2);
  let best = -1;
  for (const m of text.matchAll(/_REVISION=r(\w)/g)) {
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

function benchEngine(lines: number, edits: number): void {
  const text = generateDockerfile(lines);
  const at = editPoint(text);
  const host: Host = { fileName: 'Dockerfile', exists: (p) => p === '.dockerignore' };
  const config = defaultConfig();
  const engine = new Engine();
  const file = { name: 'bench/Dockerfile', languageId: 'dockerfile' };

  let t0 = performance.now();
  const first = engine.analyze({ ...file, text }, config, host);
  const cold = performance.now() - t0;

  const times: number[] = [];
  let last = first;
  for (let i = 1; i <= edits; i++) {
    const next = edited(text, at, i);
    t0 = performance.now();
    last = engine.analyze({ ...file, text: next }, config, host);
    times.push(performance.now() - t0);
  }

  t0 = performance.now();
  new Engine().analyze({ ...file, text: edited(text, at, edits + 1) }, config, host);
  const freshWarm = performance.now() - t0;

  const byRule = new Map<string, number>();
  for (const f of last?.findings ?? []) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
  const editLine = text.slice(0, at).split('\n').length;

  console.log(
    `(a) Engine.analyze — ${lineCount(text)} lines, ${text.length} characters, edits at line ${editLine}`,
  );
  console.log(
    table(
      ['run', 'ms'],
      [
        ['cold (first call in the process)', ms(cold)],
        [`after an edit, median of ${edits}`, ms(median(times))],
        [`after an edit, p95 of ${edits}`, ms(percentile(times, 95))],
        [`after an edit, max of ${edits}`, ms(Math.max(...times))],
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
// (c) Long instructions
// ---------------------------------------------------------------------------------------------------------

/**
 * One RUN continued over n lines, and an unterminated heredoc before n lines, analysed once each by a new
 * Engine at n/4, n/2 and n lines. Linear cost keeps the ms per 1,000 lines column flat; it used to grow with
 * n (100,000 lines ran for minutes at 1.4 GB).
 */
function benchLong(n: number): void {
  const commands = ['apk add gcc', 'apt-get purge -y gcc', 'pip install flask', 'cd /app', 'rm -rf /tmp/x'];
  const body = (k: number, f: (i: number) => string): string =>
    Array.from({ length: k }, (_, i) => f(i)).join('\n') + '\n';
  const inputs: Record<string, (k: number) => string> = {
    'RUN with continuation lines': (k) =>
      `FROM python:3.12\nRUN true \\\n${body(k, (i) => `  && ${commands[i % 5]} \\`)}  && true\n`,
    'unterminated heredoc': (k) =>
      `FROM python:3.12\nRUN <<EOF\n${body(k, (i) => (i % 7 ? (commands[i % 5] as string) : 'RUN echo hi'))}`,
  };
  const host: Host = { fileName: 'Dockerfile', exists: () => undefined };
  const rows: string[][] = [];
  for (const [name, make] of Object.entries(inputs))
    for (const k of [n / 4, n / 2, n].map(Math.round)) {
      const text = make(k);
      const t0 = performance.now();
      new Engine().analyze(
        { name: 'bench/Dockerfile', languageId: 'dockerfile', text },
        defaultConfig(),
        host,
      );
      const t = performance.now() - t0;
      rows.push([name, String(k), ms(t), ms((t * 1000) / k)]);
    }
  console.log('(c) Long instructions — one analysis by a new Engine');
  console.log(table(['input', 'lines', 'ms', 'ms per 1,000 lines'], rows));
  console.log();
}

// ---------------------------------------------------------------------------------------------------------
// (b) Language servers
// ---------------------------------------------------------------------------------------------------------

interface ServerRun {
  name: string;
  path: string;
  client?: LspClient;
  uri: string;
  openMs?: number;
  times: number[];
  /** With ShellCheck on: from sending didChange to the publish that carries ShellCheck's findings. */
  shellcheckTimes: number[];
  versioned: boolean;
  diagnostics: number;
  error?: string;
  /** `workspace/configuration` answers; ShellCheck on or off for Shipshape. */
  settings?: Record<string, unknown>;
}

const isShellcheck = (d: { code?: unknown }): boolean => String(d.code).startsWith('shellcheck/');

/**
 * Opens the file in each server, then sends the same edits to all of them, interleaved. With `shellcheck`,
 * each edit also waits for ShellCheck's publish, so no ShellCheck process is still running when the next
 * edit is timed.
 */
async function editServers(runs: ServerRun[], text: string, at: number, edits: number, shellcheck: boolean) {
  for (const run of runs) {
    if (!existsSync(run.path)) {
      run.error = `${run.path} not found${run.path.endsWith('server.js') ? ' (run npm run build)' : ''}`;
      continue;
    }
    try {
      run.client = await start(run.path, { cwd: ROOT, timeoutMs: 30_000, settings: run.settings });
      const t0 = performance.now();
      await run.client.open(run.uri, 'dockerfile', text);
      const p = await run.client.waitForDiagnostics(run.uri);
      run.openMs = p.receivedAt - t0;
      run.diagnostics = p.diagnostics.length;
      if (shellcheck) await run.client.waitForDiagnostics(run.uri, (ds) => ds.some(isShellcheck));
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
        run.diagnostics = p.diagnostics.filter((d) => !isShellcheck(d)).length;
        if (p.version === version) run.versioned = true;
        if (shellcheck) {
          const s = await client.waitForDiagnostics(run.uri, (ds) => ds.some(isShellcheck), version);
          run.shellcheckTimes.push(s.receivedAt - sentAt);
        }
      } catch (e) {
        run.error = (e as Error).message.split('\n')[0];
      }
    }
  }
  if (process.env.BENCH_SERIES)
    for (const r of runs) console.error(r.name, r.times.map((t) => t.toFixed(0)).join(' '));
  await Promise.all(runs.map((r) => r.client?.shutdown()));
}

async function benchServers(lines: number, edits: number): Promise<void> {
  const text = generateDockerfile(lines, 7);
  const at = editPoint(text);
  const ours = resolve(ROOT, stringArg('--server') ?? 'server/out/server.js');
  const theirs = resolve(ROOT, 'node_modules/dockerfile-language-server-nodejs/bin/docker-langserver');
  const dir = resolve(ROOT, '.cache/bench');
  const off = { shipshape: { shellcheck: { enable: false } } };
  const run = (name: string, path: string, settings?: Record<string, unknown>): ServerRun => ({
    name,
    path,
    uri: pathToFileURL(resolve(dir, name.replace(/\W+/g, '-'), 'Dockerfile')).href,
    times: [],
    shellcheckTimes: [],
    versioned: false,
    diagnostics: 0,
    settings,
  });
  const compared = [run('shipshape', ours, off), run('dockerfile-language-server-nodejs', theirs)];
  const withShellcheck = run('shipshape + ShellCheck', ours);

  console.log(`(b) Language servers — ${lineCount(text)} lines, ${edits} edits each`);
  // ShellCheck's processes would take CPU from whichever server is timed next, so the ShellCheck run
  // comes on its own, after the two compared servers. Its file has one RUN ShellCheck reports on
  // (SC2086), so every edit ends with ShellCheck's publish and its cost can be timed.
  await editServers(compared, text, at, edits, false);
  await editServers([withShellcheck], `${text}RUN ls $BENCH_DIR\n`, at, edits, true);

  const runs = [...compared, withShellcheck];
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
  const [ours0, theirs0] = compared;
  if (ours0?.times.length && theirs0?.times.length)
    console.log(
      `shipshape / dockerfile-language-server-nodejs, median per edit: ` +
        (median(ours0.times) / median(theirs0.times)).toFixed(2),
    );
  const sc = withShellcheck.shellcheckTimes;
  if (sc.length)
    console.log(
      `shipshape + ShellCheck: ShellCheck's publish comes ${ms(median(sc))} ms (median; p95 ` +
        `${ms(percentile(sc, 95))}) after the edit, the ordinary one ${ms(median(withShellcheck.times))} ms`,
    );
  console.log();
}

// ---------------------------------------------------------------------------------------------------------
// (d) ShellCheck
// ---------------------------------------------------------------------------------------------------------

function benchShellcheck(lines: number): void {
  const text = generateDockerfile(lines, 7);
  const cli = resolve(ROOT, 'server/out/cli.js');
  const lint = (extra: string[]): { ms: number; found: number } => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [cli, 'lint', '--format', 'json', ...extra, '-'], {
      input: text,
      encoding: 'utf8',
    });
    const found = (JSON.parse(r.stdout || '[]') as { ruleId: string }[]).filter((f) =>
      f.ruleId.startsWith('shellcheck/'),
    );
    return { ms: performance.now() - t0, found: found.length };
  };
  const without = lint(['--no-shellcheck']);
  const withIt = lint([]);
  console.log(
    `(d) ShellCheck — shipshape lint on the (b) file, ${(text.match(/^RUN /gm) ?? []).length} RUN instructions`,
  );
  console.log(
    table(
      ['run', 'ms', 'ShellCheck findings'],
      [
        ['--no-shellcheck', ms(without.ms), '-'],
        ['with ShellCheck (one process per distinct RUN)', ms(withIt.ms), String(withIt.found)],
      ],
    ),
  );
  console.log();
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
  if (!lspOnly) benchEngine(numberArg('--lines', 2000), numberArg('--edits', 50));
  if (!lspOnly) benchLong(numberArg('--long-lines', 20000));
  if (!engineOnly) await benchServers(numberArg('--lsp-lines', 1760), numberArg('--lsp-edits', 30));
  if (!engineOnly) benchShellcheck(numberArg('--lsp-lines', 1760));
}

// Run, not when scripts/bench/editor.ts imports the generator.
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename))
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
