/**
 * Kubernetes benchmark (not a test; nothing here fails on numbers).
 *
 *   node --import tsx scripts/bench/kubernetes.ts [--engine-only | --lsp-only | --index-only]
 *       [--docs 600] [--edits 50] [--lsp-edits 30] [--server server/out/server.js]
 *
 * The input is one generated multi-document file of about 14,000 lines and 600 documents: per
 * application a Deployment (probes, resources, env from secretKeyRef, some without security context or on
 * :latest), a Service, a ConfigMap and an HPA, with a few flawed documents mixed in so rules report.
 *
 * (a) Engine only: `Engine.analyze` once cold, then after each of 50 one-character edits in the middle of
 *     the file (the same Engine, so its per-document parse and validation caches are used as in the editor),
 *     with schema validation and every rule.
 * (b) Language servers: ours (`server/out/server.js --stdio`, built by `npm run build`) and
 *     yaml-language-server (`--stdio`, with no schema at all: `yaml.schemaStore.enable: false`,
 *     `yaml.schemas: {}`, so it only parses and checks YAML and downloads nothing). Each gets the file
 *     opened, then 30 edits (full-text didChange with the next version, one character changed), interleaved
 *     between the servers. Measured: from sending didChange to the publishDiagnostics for that version (or,
 *     when a server publishes without versions, the next publish after the change).
 * (c) Workspace index: 1,000 generated manifests, one per file, in a temporary folder, indexed with the
 *     code the language server's index thread runs (walk, read, summarize into a KubernetesIndexStore):
 *     the wall time, and the heap the finished index keeps (after garbage collection), also measured
 *     through our server itself (`--index-only` runs only this part).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { defaultConfig } from '../../server/src/core/config';
import { Engine, noFiles } from '../../server/src/engine';
import { KubernetesIndexStore } from '../../server/src/languages/kubernetes/workspace';
import { readCandidateAsync, summarizeFile, walkWorkspace } from '../../server/src/workspace-index';
import { start, type LspClient, type Settings } from '../../test/helpers/lsp-client';

const ROOT = resolve(import.meta.dirname, '..', '..');
const COMMAND = 'node --import tsx scripts/bench/kubernetes.ts';

// ---------------------------------------------------------------------------------------------------------
// The generated manifests
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

/** The four documents of application `k`: Deployment, Service, ConfigMap, HPA (about 95 lines). */
function application(k: number, r: () => number): string[][] {
  const name = `svc-${k}`;
  const port = 8000 + (k % 900);
  const flawed = () => r() < 0.2;
  const image = flawed() ? `registry.example.com/${name}:latest` : `registry.example.com/${name}:1.${k}.0`;
  const hardened = !flawed();
  const deployment = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    '  namespace: shop',
    'spec:',
    '  replicas: 3',
    '  selector:',
    '    matchLabels:',
    `      app: ${name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app: ${name}`,
    '    spec:',
    '      containers:',
    '      - name: app',
    `        image: ${image}`,
    '        ports:',
    `        - containerPort: ${port}`,
    '        env:',
    '        - name: LOG_LEVEL',
    '          value: info',
    '        - name: DATABASE_URL',
    '          valueFrom:',
    '            secretKeyRef:',
    `              name: ${name}-secrets`,
    '              key: database-url',
    '        resources:',
    '          requests:',
    '            memory: "512Mi"',
    '            cpu: "500m"',
    '          limits:',
    '            memory: "2Gi"',
    '            cpu: "2000m"',
    '        livenessProbe:',
    '          httpGet:',
    '            path: /health',
    `            port: ${port}`,
    '          initialDelaySeconds: 20',
    '          periodSeconds: 30',
    '        readinessProbe:',
    '          httpGet:',
    '            path: /health',
    `            port: ${port}`,
    '          initialDelaySeconds: 5',
    '          periodSeconds: 10',
  ];
  if (hardened)
    deployment.push(
      '        securityContext:',
      '          runAsNonRoot: true',
      '          allowPrivilegeEscalation: false',
      '          readOnlyRootFilesystem: true',
      '          capabilities:',
      '            drop:',
      '            - ALL',
    );
  const service = [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: ${name}`,
    '  namespace: shop',
    'spec:',
    '  selector:',
    `    app: ${flawed() && r() < 0.3 ? name + 'x' : name}`,
    '  ports:',
    '  - port: 80',
    `    targetPort: ${port}`,
  ];
  const config = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    `  name: ${name}-config`,
    '  namespace: shop',
    'data:',
    `  REVISION: "r0"`,
    `  SERVICE: ${name}`,
  ];
  const hpa = [
    'apiVersion: autoscaling/v2',
    'kind: HorizontalPodAutoscaler',
    'metadata:',
    `  name: ${name}-hpa`,
    '  namespace: shop',
    'spec:',
    '  scaleTargetRef:',
    '    apiVersion: apps/v1',
    '    kind: Deployment',
    `    name: ${name}`,
    '  minReplicas: 3',
    '  maxReplicas: 10',
    '  metrics:',
    '  - type: Resource',
    '    resource:',
    '      name: cpu',
    '      target:',
    '        type: Utilization',
    '        averageUtilization: 70',
  ];
  return [deployment, service, config, hpa];
}

/** A file of `docs` documents, applications of four documents each. */
export function generateManifests(docs: number, seed = 42): string {
  const r = prng(seed);
  const out: string[][] = [];
  for (let k = 0; out.length < docs; k++) out.push(...application(k, r));
  return (
    out
      .slice(0, docs)
      .map((d) => d.join('\n'))
      .join('\n---\n') + '\n'
  );
}

/** Where to edit: the `REVISION: "r0"` value closest to the middle of the file. */
function editPoint(text: string): number {
  const middle = Math.floor(text.length / 2);
  let best = -1;
  for (const m of text.matchAll(/REVISION: "r(\w)"/g)) {
    const at = (m.index ?? 0) + m[0].length - 2;
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

function describe(text: string): string {
  return `${lineCount(text)} lines, ${text.split(/^---$/m).length} documents, ${text.length} characters`;
}

// ---------------------------------------------------------------------------------------------------------
// (a) Engine only
// ---------------------------------------------------------------------------------------------------------

function benchEngine(docs: number, edits: number): void {
  const text = generateManifests(docs);
  const at = editPoint(text);
  const config = defaultConfig();
  const engine = new Engine();
  const file = { name: 'bench/manifests.yaml', languageId: 'yaml' };

  let t0 = performance.now();
  const first = engine.analyze({ ...file, text }, config, noFiles);
  const cold = performance.now() - t0;

  const times: number[] = [];
  let last = first;
  for (let i = 1; i <= edits; i++) {
    const next = edited(text, at, i);
    t0 = performance.now();
    last = engine.analyze({ ...file, text: next }, config, noFiles);
    times.push(performance.now() - t0);
  }

  // An insertion moves every document after it: their nodes are shifted, not parsed again.
  const inserted: number[] = [];
  let grown = text;
  for (let i = 1; i <= Math.min(edits, 20); i++) {
    grown = grown.slice(0, at) + 'x' + grown.slice(at);
    t0 = performance.now();
    engine.analyze({ ...file, text: grown }, config, noFiles);
    inserted.push(performance.now() - t0);
  }

  t0 = performance.now();
  new Engine().analyze({ ...file, text: edited(text, at, edits + 1) }, config, noFiles);
  const freshWarm = performance.now() - t0;

  const byRule = new Map<string, number>();
  for (const f of last?.findings ?? []) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
  const editLine = text.slice(0, at).split('\n').length;

  console.log(`(a) Engine.analyze — ${describe(text)}, edits at line ${editLine}`);
  console.log(
    table(
      ['run', 'ms'],
      [
        ['cold (first call: schema load and validator compilation)', ms(cold)],
        [`after a one-character replacement, median of ${edits}`, ms(median(times))],
        [`after a one-character replacement, p95 of ${edits}`, ms(percentile(times, 95))],
        [`after a one-character insertion, median of ${inserted.length}`, ms(median(inserted))],
        ['new Engine (no parse cache), warm JIT and validators', ms(freshWarm)],
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
  settings: Settings;
  client?: LspClient;
  uri: string;
  openMs?: number;
  times: number[];
  versioned: boolean;
  diagnostics: number;
  error?: string;
}

/** yaml-language-server with no schema: no store, no associations, nothing to download. */
const YAML_LS_SETTINGS: Settings = {
  yaml: {
    validate: true,
    hover: false,
    completion: false,
    format: { enable: false },
    schemas: {},
    schemaStore: { enable: false, url: '' },
    kubernetesCRDStore: { enable: false },
    customTags: [],
  },
  http: { proxy: '', proxyStrictSSL: false },
  '[yaml]': {},
  editor: { tabSize: 2 },
};

async function benchServers(docs: number, edits: number): Promise<void> {
  const text = generateManifests(docs, 7);
  const at = editPoint(text);
  const ours = resolve(ROOT, stringArg('--server') ?? 'server/out/server.js');
  const theirs = resolve(ROOT, 'node_modules/yaml-language-server/bin/yaml-language-server');
  const dir = resolve(ROOT, '.cache/bench');
  const runs: ServerRun[] = [
    { name: 'shipshape', path: ours, settings: {}, uri: '', times: [], versioned: false, diagnostics: 0 },
    {
      name: 'yaml-language-server (no schema)',
      path: theirs,
      settings: YAML_LS_SETTINGS,
      uri: '',
      times: [],
      versioned: false,
      diagnostics: 0,
    },
  ];
  for (const [i, run] of runs.entries())
    run.uri = pathToFileURL(resolve(dir, `server${i}`, 'manifests.yaml')).href;

  console.log(`(b) Language servers — ${describe(text)}, ${edits} edits each, interleaved`);
  for (const run of runs) {
    if (!existsSync(run.path)) {
      run.error = `${run.path} not found${run.name === 'shipshape' ? ' (run npm run build)' : ' (run npm ci)'}`;
      continue;
    }
    try {
      run.client = await start(run.path, { cwd: ROOT, timeoutMs: 60_000, settings: run.settings });
      if (run.settings !== undefined && run.name !== 'shipshape')
        await run.client.notify('workspace/didChangeConfiguration', { settings: run.settings });
      const t0 = performance.now();
      await run.client.open(run.uri, 'yaml', text);
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
  const [a, b] = runs;
  if (a?.times.length && b?.times.length)
    console.log(
      `\nshipshape needs ${((100 * median(a.times)) / median(b.times)).toFixed(0)} % of yaml-language-server's median time per edit.`,
    );
  await Promise.all(runs.map((r) => r.client?.shutdown()));
}

// ---------------------------------------------------------------------------------------------------------
// (c) The workspace index
// ---------------------------------------------------------------------------------------------------------

/** 1,000 manifests, one per file, in folders of 50 (as a repository of many applications keeps them). */
function writeWorkspace(files: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-bench-index-'));
  const docs = generateManifests(files)
    .split(/^---\n/m)
    .filter((d) => d.trim());
  docs.slice(0, files).forEach((d, i) => {
    const folder = join(dir, `app-${Math.floor(i / 50)}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `object-${i}.yaml`), d);
  });
  return dir;
}

async function benchIndex(files: number): Promise<void> {
  setFlagsFromString('--expose_gc');
  const gc = runInNewContext('gc') as () => void;
  const dir = writeWorkspace(files);
  try {
    gc();
    const before = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const store = new KubernetesIndexStore();
    const walked = await walkWorkspace(dir);
    const reads = new Map<string, string | undefined>();
    for (const f of walked.files) {
      const text = await readCandidateAsync(f);
      if (text !== undefined) store.setDisk(f, summarizeFile(f, text, dir, reads));
    }
    store.setComplete(walked.complete);
    const index = store.get();
    const took = performance.now() - t0;
    gc();
    const kept = process.memoryUsage().heapUsed - before;
    console.log(`(c) Workspace index — ${walked.files.length} files, ${index.objects.length} objects`);
    console.log(
      table(
        ['where', 'build ms', 'heap kept MB'],
        [["in process (the index thread's code)", ms(took), (kept / 1024 / 1024).toFixed(1)]],
      ),
    );
    // The same through the language server: its log line says when the index thread has finished.
    const server = resolve(ROOT, stringArg('--server') ?? 'server/out/server.js');
    if (existsSync(server)) {
      const client = await start(server, { rootUri: pathToFileURL(dir).toString(), timeoutMs: 60_000 });
      const t1 = performance.now();
      for (let i = 0; i < 600 && !client.messages.some((m) => /indexed \d+ files/.test(m)); i++)
        await new Promise((r) => setTimeout(r, 100));
      const line = client.messages.find((m) => /indexed \d+ files/.test(m));
      console.log(
        line
          ? `language server: "${line}" (seen after ${ms(performance.now() - t1)} ms from initialized)`
          : 'language server: no index log line within 60 s',
      );
      await client.shutdown();
    }
    console.log();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
  const indexOnly = process.argv.includes('--index-only');
  const docs = numberArg('--docs', 600);
  if (!lspOnly && !indexOnly) benchEngine(docs, numberArg('--edits', 50));
  if (!engineOnly && !indexOnly) await benchServers(docs, numberArg('--lsp-edits', 30));
  if (!engineOnly && !lspOnly) await benchIndex(numberArg('--index-files', 1000));
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename))
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
