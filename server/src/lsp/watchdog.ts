import { Worker } from 'node:worker_threads';
import type { DocumentState } from './analysis';
import type { Job, JobMessage, WorkerMessage } from './worker';

export type Outcome<T> =
  | { kind: 'done'; value: T }
  /** The job ran past its budget: the worker was ended and a fresh one started. */
  | { kind: 'stopped' }
  /** The document changed before the job's turn came; it was not run. */
  | { kind: 'stale' }
  /** The worker threw or died for another reason. */
  | { kind: 'failed'; error: string };

interface Queued {
  job: Job;
  doc?: DocumentState;
  isStale?: () => boolean;
  resolve(o: Outcome<unknown>): void;
}

export interface WatchdogOptions {
  /** The script the worker runs (the bundled server, which runs the worker loop off the main thread). */
  script: string;
  /** How long one job may run before the worker is ended. */
  budgetMs: number;
  log(level: 'error' | 'warn' | 'info', message: string): void;
}

/**
 * Runs analysis jobs in a worker thread, one at a time, each under a deadline. A job that overruns (a
 * hang in a dependency, a pathological input) cannot block the LSP connection: the worker is terminated
 * — which interrupts even a running regular expression — and replaced, and the job answers `stopped`.
 * Jobs are sent one at a time so the clock measures only the job itself and the culprit is known.
 */
export class Watchdog {
  private worker: Worker | undefined;
  /** The document versions the current worker holds, so each text crosses the thread boundary once. */
  private readonly held = new Map<string, number>();
  private readonly queue: Queued[] = [];
  private current: { id: number; item: Queued; timer: NodeJS.Timeout } | undefined;
  private nextId = 1;
  private closed = false;

  constructor(private readonly opts: WatchdogOptions) {}

  run<T>(job: Job, doc?: DocumentState, isStale?: () => boolean): Promise<Outcome<T>> {
    if (this.closed) return Promise.resolve({ kind: 'failed', error: 'shutting down' });
    return new Promise((resolve) => {
      this.queue.push({ job, doc, isStale, resolve: resolve as (o: Outcome<unknown>) => void });
      this.pump();
    });
  }

  /** Ends the worker; pending jobs answer `failed`. */
  async close(): Promise<void> {
    this.closed = true;
    for (const q of this.queue.splice(0)) q.resolve({ kind: 'failed', error: 'shutting down' });
    if (this.current) {
      clearTimeout(this.current.timer);
      this.current.item.resolve({ kind: 'failed', error: 'shutting down' });
      this.current = undefined;
    }
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }

  private pump(): void {
    while (!this.current && !this.closed) {
      const item = this.queue.shift();
      if (!item) return;
      if (item.isStale?.()) {
        item.resolve({ kind: 'stale' });
        continue;
      }
      const worker = this.ensureWorker();
      const id = this.nextId++;
      const msg: JobMessage = { id, job: item.job };
      if (item.doc && this.held.get(item.doc.uri) !== item.doc.version) {
        msg.doc = item.doc;
        this.held.set(item.doc.uri, item.doc.version);
      }
      if (item.job.op === 'forget') this.held.delete(item.job.uri);
      const timer = setTimeout(() => this.overrun(id), this.opts.budgetMs);
      this.current = { id, item, timer };
      worker.postMessage(msg);
    }
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.opts.script);
    worker.on('message', (m: WorkerMessage) => {
      if ('log' in m) return this.opts.log(m.log, m.message);
      if (!this.current || this.current.id !== m.id) return;
      const { item, timer } = this.current;
      clearTimeout(timer);
      this.current = undefined;
      item.resolve(m.ok ? { kind: 'done', value: m.value } : { kind: 'failed', error: m.error });
      this.pump();
    });
    const died = (why: string) => {
      if (this.worker !== worker) return;
      this.opts.log('error', `shipshape: analysis worker ${why}; starting a new one`);
      this.dropWorker();
      const cur = this.current;
      this.current = undefined;
      if (cur) {
        clearTimeout(cur.timer);
        cur.item.resolve({ kind: 'failed', error: why });
      }
      this.pump();
    };
    worker.on('error', (e) => died(`failed: ${String(e.stack ?? e)}`));
    worker.on('exit', (code) => died(`exited with code ${code}`));
    // The worker must not keep a server whose client has gone alive.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private dropWorker(): void {
    const w = this.worker;
    this.worker = undefined;
    this.held.clear();
    void w?.terminate();
  }

  private overrun(id: number): void {
    const cur = this.current;
    if (!cur || cur.id !== id) return;
    this.current = undefined;
    this.opts.log(
      'warn',
      `shipshape: ${cur.item.job.op} of ${'uri' in cur.item.job ? cur.item.job.uri : '-'} ran past ` +
        `${this.opts.budgetMs} ms; restarting the analysis worker`,
    );
    // Parse caches of every document go with the worker; the next analysis of each starts cold.
    this.dropWorker();
    cur.item.resolve({ kind: 'stopped' });
    this.pump();
  }
}
