import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CodeAction, Command, Diagnostic } from 'vscode-languageserver';
import { applyWorkspaceEdit, start, type LspClient } from '../../test/helpers/lsp-client';
import type { Issue } from './engine-check';
import { mutateFor } from './mutate';
import { Prng } from './prng';
import { fileName, loadSamples, type Kind, type Sample } from './samples';

export interface FuzzOptions {
  root: string;
  seed: string;
  /** Inputs per kind checked in process (engine, fixes, fix-all). */
  inputs: number;
  /** Of those, how many (the first ones) also go through the language server. */
  lspInputs: number;
  kinds: readonly Kind[];
  /** Only this input index (to replay one failure). */
  only?: number;
  /** An input that takes longer than this, in milliseconds, is a failure. */
  budgetMs: number;
  /** An input that gives no answer within this is a hang: its process is killed and restarted. */
  hangMs: number;
  /** Where failing inputs are written. */
  outDir: string;
  log: (line: string) => void;
}

export interface Stats {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export interface Failure {
  kind: Kind;
  index: number;
  where: 'engine' | 'lsp';
  what: string;
  detail: string;
  sample: string;
  ops: string[];
  /** The failing input on disk, and how to replay it. */
  file: string;
  repro: string;
}

export interface KindReport {
  kind: Kind;
  engine: Stats;
  lsp: Stats;
  failures: Failure[];
}

export function stats(values: number[]): Stats {
  const v = [...values].sort((a, b) => a - b);
  const q = (p: number): number => v[Math.min(v.length - 1, Math.floor(p * v.length))] ?? 0;
  return { count: v.length, p50: q(0.5), p99: q(0.99), max: v[v.length - 1] ?? 0 };
}

/** The input with this index: a pure function of (seed, kind, index). */
export function inputFor(seed: string, kind: Kind, index: number, samples: readonly Sample[]) {
  return mutateFor(kind, samples, new Prng(seed, kind, index));
}

/** Runs the engine checks in a child process, one input at a time, with a watchdog. */
class EngineWorker {
  private child: ChildProcess | undefined;

  constructor(private readonly root: string) {}

  private spawn(): ChildProcess {
    this.child = fork(join(this.root, 'scripts/fuzz/engine-worker.ts'), [], {
      execArgv: ['--import', 'tsx'],
      cwd: this.root,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    return this.child;
  }

  check(
    index: number,
    name: string,
    base: string,
    text: string,
    hangMs: number,
  ): Promise<{ ms: number; issues: Issue[] } | 'hang' | { exited: string }> {
    const fresh = !this.child;
    const child = this.child ?? this.spawn();
    // A new process first loads and compiles everything once: start-up cost, not the input's.
    const warm = fresh ? this.send(child, -1, name, base, base, hangMs * 3) : Promise.resolve(undefined);
    return warm.then((w) =>
      w === 'hang' || (w && 'exited' in w) ? w : this.send(child, index, name, base, text, hangMs),
    );
  }

  private send(
    child: ChildProcess,
    index: number,
    name: string,
    base: string,
    text: string,
    hangMs: number,
  ): Promise<{ ms: number; issues: Issue[] } | 'hang' | { exited: string }> {
    return new Promise((resolve) => {
      let stderr = '';
      const onErr = (c: Buffer): void => void (stderr += c.toString());
      child.stderr?.on('data', onErr);
      const done = (v: { ms: number; issues: Issue[] } | 'hang' | { exited: string }): void => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        child.stderr?.off('data', onErr);
        resolve(v);
      };
      const onMessage = (m: { index: number; ms: number; issues: Issue[] }): void => {
        if (m.index === index) done(m);
      };
      const onExit = (code: number | null, signal: string | null): void => {
        this.child = undefined;
        done({ exited: `engine process exited (code ${code}, signal ${signal})\n${stderr.slice(-4000)}` });
      };
      const timer = setTimeout(() => {
        this.stop();
        done('hang');
      }, hangMs);
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.send({ index, name, base, text });
    });
  }

  stop(): void {
    const c = this.child;
    this.child = undefined;
    if (c) {
      c.removeAllListeners('exit');
      c.kill('SIGKILL');
    }
  }
}

const LANGUAGE_IDS: Record<Kind, string> = {
  dockerfile: 'dockerfile',
  compose: 'dockercompose',
  kubernetes: 'yaml',
};
/** Log lines the server writes when something went wrong inside it. */
const LOGGED_FAILURE = /\bfailed\b|internal error|exception|\b(?:Type|Range|Reference|Syntax)?Error\b/i;

function isAction(a: CodeAction | Command): a is CodeAction {
  return typeof (a as CodeAction).kind === 'string' || (a as CodeAction).edit !== undefined;
}

function endOf(text: string): { line: number; character: number } {
  const ls = text.split(/\r\n|\r|\n/);
  return { line: ls.length - 1, character: (ls[ls.length - 1] ?? '').length };
}

/**
 * One input through the language server, as an editor would: open, diagnostics, quick fixes and
 * refactorings over the whole document, fix-all, hover; then the fix-all result and one quick fix are
 * applied as edits and re-checked. Returns the issues and the time taken.
 */
async function checkLsp(client: LspClient, kind: Kind, index: number, name: string, text: string, rng: Prng) {
  const issues: Issue[] = [];
  const uri = `untitled:fuzz-${index}/${name}`;
  const before = client.messages.length;
  const t0 = performance.now();
  let stage = 'open';
  try {
    await client.open(uri, LANGUAGE_IDS[kind], text);
    const first = await client.waitForDiagnostics(uri, undefined, 1);
    const diagnostics: Diagnostic[] = first.diagnostics;
    const whole = { start: { line: 0, character: 0 }, end: endOf(text) };
    stage = 'code actions';
    const actions = (await client.codeActions(uri, whole)).filter(isAction);
    stage = 'fix-all action';
    const fixAll = (await client.codeActions(uri, whole, ['source.fixAll.shipshape'])).filter(isAction);
    stage = 'hover';
    const d = diagnostics.length ? rng.pick(diagnostics) : undefined;
    await client.hover(uri, d ? d.range.start : { line: rng.int(whole.end.line + 1), character: 0 });
    let version = 1;
    let current = text;
    for (const action of [fixAll[0], actions.length ? rng.pick(actions) : undefined]) {
      if (!action?.edit) continue;
      stage = `apply ${action.kind ?? 'action'} "${action.title}"`;
      current = applyWorkspaceEdit(current, action.edit, uri);
      version++;
      await client.change(uri, version, current);
      await client.waitForDiagnostics(uri, undefined, version);
      // The document changed, so a second action's ranges would be stale: one apply per round.
      break;
    }
  } catch (e) {
    issues.push({ what: `LSP ${stage}: ${String((e as Error).message).split('\n')[0]}`, detail: String(e) });
  } finally {
    try {
      await client.close(uri);
    } catch {
      // Reported through the request failures above when the server is gone.
    }
  }
  for (const m of client.messages.slice(before))
    if (LOGGED_FAILURE.test(m))
      issues.push({ what: `LSP logged: ${m.split('\n')[0]?.slice(0, 160)}`, detail: m });
  return { ms: performance.now() - t0, issues };
}

function ext(kind: Kind): string {
  return fileName(kind);
}

export async function runFuzz(o: FuzzOptions): Promise<KindReport[]> {
  const all = loadSamples(o.root);
  const reports: KindReport[] = [];
  for (const kind of o.kinds) {
    const samples = all[kind];
    if (samples.length === 0) throw new Error(`no samples for ${kind}`);
    const name = fileName(kind);
    const failures: Failure[] = [];
    const engineMs: number[] = [];
    const lspMs: number[] = [];
    const indexes = o.only !== undefined ? [o.only] : Array.from({ length: o.inputs }, (_, i) => i);
    const record = (index: number, where: 'engine' | 'lsp', issue: Issue): void => {
      const input = inputFor(o.seed, kind, index, samples);
      const dir = join(o.outDir, `${kind}-${o.seed}-${index}`);
      mkdirSync(dir, { recursive: true });
      const file = join(dir, ext(kind));
      writeFileSync(file, input.text);
      writeFileSync(
        join(dir, 'failure.json'),
        JSON.stringify(
          { kind, index, seed: o.seed, where, ...issue, sample: input.sample.path, ops: input.ops },
          null,
          2,
        ),
      );
      failures.push({
        kind,
        index,
        where,
        ...issue,
        sample: input.sample.path,
        ops: input.ops,
        file,
        repro: `npm run fuzz -- --seed ${o.seed} --kind ${kind} --only ${index}${where === 'lsp' ? ' --lsp-inputs 1' : ''}`,
      });
    };

    // The engine checks (in a child process) and the language server run side by side, one core each.
    const engineRun = async (): Promise<void> => {
      const worker = new EngineWorker(o.root);
      try {
        for (const index of indexes) {
          const input = inputFor(o.seed, kind, index, samples);
          const r = await worker.check(index, name, input.sample.text, input.text, o.hangMs);
          if (r === 'hang')
            record(index, 'engine', { what: `hang: no answer within ${o.hangMs} ms`, detail: '' });
          else if ('exited' in r) record(index, 'engine', { what: 'engine process died', detail: r.exited });
          else {
            engineMs.push(r.ms);
            for (const issue of r.issues) record(index, 'engine', issue);
            if (r.ms > o.budgetMs)
              record(index, 'engine', {
                what: `over budget (${o.budgetMs} ms)`,
                detail: `took ${Math.round(r.ms)} ms`,
              });
          }
        }
      } finally {
        worker.stop();
      }
    };
    const lspRun = async (): Promise<void> => {
      const lspIndexes =
        o.only !== undefined ? (o.lspInputs > 0 ? [o.only] : []) : indexes.slice(0, o.lspInputs);
      let client: LspClient | undefined;
      const serverPath = join(o.root, 'server/out/server.js');
      try {
        for (const index of lspIndexes) {
          if (!client) {
            client = await start(serverPath, { timeoutMs: o.hangMs, cwd: o.root });
            // Compiling the schema validators on first use is start-up cost, not per-document latency.
            const warm = `untitled:warm-up/${name}`;
            await client.open(warm, LANGUAGE_IDS[kind], (samples[0] as Sample).text);
            await client.waitForDiagnostics(warm, undefined, 1);
            await client.close(warm);
          }
          const input = inputFor(o.seed, kind, index, samples);
          const r = await checkLsp(
            client,
            kind,
            index,
            name,
            input.text,
            new Prng(o.seed, kind, index, 'lsp'),
          );
          lspMs.push(r.ms);
          for (const issue of r.issues) record(index, 'lsp', issue);
          if (r.ms > o.budgetMs)
            record(index, 'lsp', {
              what: `over budget (${o.budgetMs} ms)`,
              detail: `took ${Math.round(r.ms)} ms`,
            });
          if (
            r.issues.some((i) => /exited|no answer|got no answer|no matching publishDiagnostics/.test(i.what))
          ) {
            // A dead or stuck server is restarted, so one defect does not fail every later input.
            client.kill();
            await client.shutdown();
            client = undefined;
          }
        }
      } finally {
        if (client) await client.shutdown();
      }
    };
    await Promise.all([engineRun(), lspRun()]);
    reports.push({ kind, engine: stats(engineMs), lsp: stats(lspMs), failures });
    o.log(summaryLine(reports[reports.length - 1] as KindReport));
  }
  return reports;
}

const ms = (n: number): string => `${n < 10 ? n.toFixed(1) : Math.round(n)} ms`;

export function summaryLine(r: KindReport): string {
  return (
    `${r.kind}: ${r.engine.count} inputs in process (p50 ${ms(r.engine.p50)}, p99 ${ms(r.engine.p99)}, max ${ms(r.engine.max)}), ` +
    `${r.lsp.count} over LSP (p50 ${ms(r.lsp.p50)}, p99 ${ms(r.lsp.p99)}, max ${ms(r.lsp.max)}), ` +
    `${r.failures.length} failure${r.failures.length === 1 ? '' : 's'}`
  );
}

/** Failures grouped by what broke, each with its first input, how many hit it, and a replay line. */
export function describeFailures(reports: KindReport[]): string {
  const groups = new Map<string, Failure[]>();
  for (const r of reports)
    for (const f of r.failures) {
      const key = `${f.kind} ${f.where}: ${f.what}`;
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
  const out: string[] = [];
  for (const [key, fs] of groups) {
    const f = fs[0] as Failure;
    out.push(
      `✖ ${key}  (${fs.length} input${fs.length === 1 ? '' : 's'})`,
      `    first: input ${f.index} from ${f.sample} after ${f.ops.join('; ')}`,
      `    input: ${f.file}`,
      `    replay: ${f.repro}`,
    );
    const detail = f.detail.split('\n').slice(0, 6).join('\n      ');
    if (detail) out.push(`      ${detail}`);
  }
  return out.join('\n');
}
