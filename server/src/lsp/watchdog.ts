import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { IndexedObject, KubernetesIndex } from '../core/kubernetes-index';
import type { DocumentState } from './analysis';
import type { Job, JobMessage, WorkerMessage } from './worker';

export type Outcome<T> =
  /** `ms`: how long the job ran in the worker, from sending to answer. */
  | { kind: 'done'; value: T; ms: number }
  /** The job ran past its budget: the worker was ended and a fresh one started. */
  | { kind: 'stopped' }
  /**
   * The job waited behind another document's job that has run past `stallMs`: it was not run here, so
   * the caller can run it in another worker.
   */
  | { kind: 'moved' }
  /** The document changed before the job's turn came; it was not run. */
  | { kind: 'stale' }
  /** The worker threw or died for another reason. */
  | { kind: 'failed'; error: string };

interface Queued {
  job: Job;
  doc?: DocumentState;
  stay: boolean;
  isStale?: () => boolean;
  resolve(o: Outcome<unknown>): void;
}

export interface WatchdogOptions {
  /** The script the worker runs (the bundled server, which runs the worker loop off the main thread). */
  script: string;
  /** How long one job may run before the worker is ended. */
  budgetMs: number;
  /**
   * When set, jobs for other documents do not wait behind a job that has run longer than this: they
   * answer `moved` (unless queued with `stay`).
   */
  stallMs?: number;
  log(level: 'error' | 'warn' | 'info', message: string): void;
  /** The workspace index, sent with the next job whenever the worker holds an older version. */
  index?(): { version: number; index: KubernetesIndex } | undefined;
  /** The worker read an open document's Kubernetes objects (for the workspace index). */
  onSummary?(file: string, objects: IndexedObject[]): void;
}

/**
 * Runs analysis jobs in a worker thread, one at a time, each under a deadline. A job that overruns (a
 * hang in a dependency, a pathological input) cannot block the LSP connection: the worker is terminated
 * — which interrupts even a running regular expression — and replaced, and the job answers `stopped`.
 * Jobs are sent one at a time so the clock measures only the job itself and the culprit is known.
 */
export class Watchdog {
  private worker: Worker | undefined;
  private ready = false;
  private readyWaiters: (() => void)[] = [];
  /** The document versions the current worker holds, so each text crosses the thread boundary once. */
  private readonly held = new Map<string, number>();
  /** The version of the workspace index the current worker holds. */
  private indexVersion: number | undefined;
  private readonly queue: Queued[] = [];
  private current:
    | {
        id: number;
        item: Queued;
        timer: NodeJS.Timeout;
        sentAt: number;
        /** Its stall timer has fired: later jobs of other documents move at once. */
        stalled?: boolean;
      }
    | undefined;
  private nextId = 1;
  private closed = false;

  constructor(private readonly opts: WatchdogOptions) {}

  /** Starts loading the worker ahead of the first job; resolves once it is ready. */
  warm(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.ensureWorker();
    return this.ready ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Queues a job; `stay` keeps it here even behind a stalled job. */
  run<T>(job: Job, doc?: DocumentState, isStale?: () => boolean, stay = false): Promise<Outcome<T>> {
    if (this.closed) return Promise.resolve({ kind: 'failed', error: 'shutting down' });
    return new Promise((resolve) => {
      this.queue.push({ job, doc, isStale, stay, resolve: resolve as (o: Outcome<unknown>) => void });
      const cur = this.current;
      const stallMs = this.opts.stallMs;
      // The stall timer's clock is coarser than performance.now(): a job asked just after the timer fired
      // may measure a hair under stallMs, so the timer's verdict counts too.
      if (cur && stallMs !== undefined && (cur.stalled || performance.now() - cur.sentAt >= stallMs))
        this.moveWaiting(cur.id);
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
    for (const r of this.readyWaiters.splice(0)) r();
    await w?.terminate();
  }

  private pump(): void {
    this.drain();
    // An idle worker must not keep alive a server whose client has gone; a busy one keeps it up.
    if (this.current || this.queue.length > 0) this.worker?.ref();
    else this.worker?.unref();
  }

  private drain(): void {
    while (!this.current && !this.closed) {
      if (this.queue.length === 0) return;
      const worker = this.ensureWorker();
      if (!this.ready) return;
      const item = this.queue.shift();
      if (!item) return;
      if (item.isStale?.()) {
        item.resolve({ kind: 'stale' });
        continue;
      }
      const id = this.nextId++;
      const msg: JobMessage = { id, job: item.job };
      if (item.doc && this.held.get(item.doc.uri) !== item.doc.version) {
        msg.doc = item.doc;
        this.held.set(item.doc.uri, item.doc.version);
      }
      if (item.job.op === 'forget') this.held.delete(item.job.uri);
      const index = this.opts.index?.();
      if (index && index.version !== this.indexVersion) {
        msg.index = index.index;
        this.indexVersion = index.version;
      }
      const timer = setTimeout(() => this.overrun(id), this.opts.budgetMs);
      const stallMs = this.opts.stallMs;
      if (stallMs !== undefined && item.doc) setTimeout(() => this.moveWaiting(id), stallMs).unref();
      this.current = { id, item, timer, sentAt: performance.now() };
      worker.postMessage(msg);
    }
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    // A heap limit of its own: a worker that runs out of memory ends with an error instead of taking
    // the whole server down.
    const worker = new Worker(this.opts.script, { resourceLimits: { maxOldGenerationSizeMb: 2048 } });
    this.ready = false;
    worker.on('message', (m: WorkerMessage) => {
      if ('log' in m) return this.opts.log(m.log, m.message);
      if ('summary' in m) return this.opts.onSummary?.(m.summary.file, m.summary.objects);
      if ('ready' in m) {
        if (this.worker === worker) this.ready = true;
        for (const w of this.readyWaiters.splice(0)) w();
        return this.pump();
      }
      if (!this.current || this.current.id !== m.id) return;
      const { item, timer, sentAt } = this.current;
      clearTimeout(timer);
      this.current = undefined;
      item.resolve(
        m.ok
          ? { kind: 'done', value: m.value, ms: performance.now() - sentAt }
          : { kind: 'failed', error: m.error },
      );
      this.pump();
    });
    const died = (why: string) => {
      if (this.worker !== worker) return;
      this.opts.log('error', `shipshape: analysis worker ${why}; starting a new one`);
      if (!this.ready) {
        // It died while loading: starting another at once would loop. Waiting jobs fail; the next job
        // tries a new worker.
        this.worker = undefined;
        for (const q of this.queue.splice(0)) q.resolve({ kind: 'failed', error: why });
        return;
      }
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
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /** Ends the worker and starts its replacement at once, so it loads while nothing waits for it. */
  private dropWorker(): void {
    const w = this.worker;
    this.worker = undefined;
    this.held.clear();
    this.indexVersion = undefined;
    void w?.terminate();
    if (!this.closed) this.ensureWorker();
  }

  /** The current job has stalled: jobs of other documents waiting behind it answer `moved`. */
  private moveWaiting(id: number): void {
    const cur = this.current;
    if (!cur || cur.id !== id) return;
    cur.stalled = true;
    const uri = cur.item.doc?.uri;
    const keep: Queued[] = [];
    for (const q of this.queue.splice(0))
      if (q.doc && q.doc.uri !== uri && !q.stay) q.resolve({ kind: 'moved' });
      else keep.push(q);
    this.queue.push(...keep);
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
