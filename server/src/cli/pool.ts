import { parentPort, Worker, workerData } from 'node:worker_threads';
import { FileLinter, type LintSettings, type Outcome, type Target } from './lint-file';

/**
 * Lints files on worker threads, each with its own Engine. Work goes out in small batches to whichever
 * worker is free, and each outcome goes back to its target's index, so the report is in the same order,
 * byte for byte, as a run on one thread.
 */
const BATCH = 32;

interface Request {
  start: number;
  targets: Target[];
}
interface Reply {
  start: number;
  outcomes: Outcome[];
}

export interface WorkerData {
  shipshapeLintWorker: true;
  settings: LintSettings;
}

export function isLintWorker(data: unknown): data is WorkerData {
  return typeof data === 'object' && data !== null && (data as WorkerData).shipshapeLintWorker === true;
}

/** One file, with an analysis that throws turned into a note: the other files are still linted. */
export function lintGuarded(linter: FileLinter, t: Target): Outcome {
  try {
    return linter.lint(t);
  } catch (e) {
    return {
      findings: [],
      notes: [`${t.shown}: internal error, file skipped: ${String((e as Error).stack ?? e)}`],
      uncacheable: true,
    };
  }
}

/** The worker side: started from the CLI bundle itself with `workerData` saying so. */
export function runLintWorker(): void {
  const data = workerData as WorkerData;
  const linter = new FileLinter(data.settings);
  parentPort?.on('message', (req: Request) => {
    const reply: Reply = { start: req.start, outcomes: req.targets.map((t) => lintGuarded(linter, t)) };
    parentPort?.postMessage(reply);
  });
}

export function lintInWorkers(
  script: string,
  settings: LintSettings,
  targets: readonly Target[],
  jobs: number,
  onProgress: (n: number) => void,
): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array<Outcome>(targets.length);
  let next = 0;
  let pending = 0;
  return new Promise((resolvePromise, reject) => {
    const workers: Worker[] = [];
    let settled = false;
    const finish = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      for (const w of workers) void w.terminate();
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolvePromise(outcomes);
    };
    const feed = (w: Worker): boolean => {
      if (next >= targets.length) return false;
      const start = next;
      next = Math.min(targets.length, next + BATCH);
      pending++;
      w.postMessage({ start, targets: targets.slice(start, next) } satisfies Request);
      return true;
    };
    const count = Math.max(1, Math.min(jobs, Math.ceil(targets.length / BATCH)));
    for (let i = 0; i < count; i++) {
      const w = new Worker(script, {
        workerData: { shipshapeLintWorker: true, settings } satisfies WorkerData,
      });
      workers.push(w);
      w.on('message', (reply: Reply) => {
        reply.outcomes.forEach((o, k) => (outcomes[reply.start + k] = o));
        pending--;
        onProgress(reply.outcomes.length);
        if (!feed(w) && pending === 0) finish();
      });
      w.on('error', finish);
      w.on('exit', (code) => {
        if (code !== 0 && (pending > 0 || next < targets.length))
          finish(new Error(`lint worker exited with ${code}`));
      });
      // Two batches in flight per worker, so a worker never waits for the main thread between batches.
      feed(w);
      feed(w);
    }
    if (pending === 0) finish();
  });
}
