import { relative, isAbsolute, sep } from 'node:path';
import { parentPort, Worker } from 'node:worker_threads';
import type { IndexedObject, KubernetesIndex } from '../core/kubernetes-index';
import { KubernetesIndexStore } from '../languages/kubernetes/workspace';
import {
  indexCandidate,
  MAX_INDEX_FILES,
  readCandidateAsync,
  summarizeFile,
  walkWorkspace,
} from '../workspace-index';

/**
 * The language server's workspace index of Kubernetes objects (see languages/kubernetes/workspace.ts).
 *
 * A thread of its own reads and summarizes the workspace folders' files, so neither typing (the main
 * thread) nor analysis (the analysis workers) waits for it. It sends its entries in batches to the main
 * thread, which keeps them in a `KubernetesIndexStore` together with the entries of open documents (sent
 * by the analysis workers after each analysis, from the document's text: open documents win over the
 * disk), and hands the snapshot to the analysis workers with their next job once the first walk is done.
 */

/** From the main thread to the index thread. */
export type IndexRequest =
  | { op: 'walk'; roots: string[] }
  /** Files created, changed or deleted: read again (a missing file has no entries). */
  | { op: 'read'; files: string[] };

/** From the index thread to the main thread. */
export type IndexReply =
  | { op: 'entries'; entries: { file: string; objects: IndexedObject[] }[] }
  | { op: 'walked'; complete: boolean; files: number; ms: number };

/** Files summarized between two batches sent to the main thread. */
const BATCH = 50;

function within(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel);
}

/** The index thread's loop. */
export function runIndexWorker(): void {
  const port = parentPort;
  if (!port) return;
  let roots: string[] = [];
  const post = (m: IndexReply): void => port.postMessage(m);
  const summarize = async (files: string[]): Promise<void> => {
    const reads = new Map<string, string | undefined>();
    let batch: { file: string; objects: IndexedObject[] }[] = [];
    for (const file of files) {
      const root = roots.find((r) => within(r, file));
      // Read-only and inside the workspace folders only.
      if (root === undefined || !indexCandidate(file)) continue;
      const text = await readCandidateAsync(file);
      batch.push({ file, objects: text === undefined ? [] : summarizeFile(file, text, root, reads) });
      if (batch.length >= BATCH) {
        post({ op: 'entries', entries: batch });
        batch = [];
      }
    }
    if (batch.length > 0) post({ op: 'entries', entries: batch });
  };
  // Requests are handled one at a time, in order, so a re-read never races the walk it follows.
  let queue = Promise.resolve();
  port.on('message', (req: IndexRequest) => {
    queue = queue.then(async () => {
      try {
        if (req.op === 'walk') {
          const started = Date.now();
          roots = req.roots;
          let complete = true;
          let count = 0;
          for (const root of roots) {
            const walked = await walkWorkspace(root, MAX_INDEX_FILES - count);
            complete &&= walked.complete;
            count += walked.files.length;
            await summarize(walked.files);
          }
          post({ op: 'walked', complete, files: count, ms: Date.now() - started });
        } else await summarize(req.files);
      } catch {
        // An unreadable folder leaves the index as it is; checks that need it stay quiet.
      }
    });
  });
}

export interface IndexerOptions {
  script: string;
  /** The snapshot changed in a way open documents may care about. */
  onChange(): void;
  log(message: string): void;
}

/** The main thread's side: the store, the index thread, and what open documents say. */
export class WorkspaceIndexer {
  private readonly store = new KubernetesIndexStore();
  private worker: Worker | undefined;
  private walked = false;

  constructor(private readonly opts: IndexerOptions) {}

  /** Starts indexing the workspace folders (once). */
  start(roots: string[]): void {
    if (this.worker || roots.length === 0) return;
    const worker = new Worker(this.opts.script, { workerData: { role: 'index' } });
    worker.unref();
    worker.on('message', (m: IndexReply) => this.receive(m));
    worker.on('error', (e) => this.opts.log(`shipshape: the workspace index stopped: ${String(e)}`));
    this.worker = worker;
    worker.postMessage({ op: 'walk', roots } satisfies IndexRequest);
  }

  /** Files the client says were created, changed or deleted. */
  filesChanged(files: string[]): void {
    if (files.length > 0) this.worker?.postMessage({ op: 'read', files } satisfies IndexRequest);
  }

  /** The entries of an open document (from its text), or undefined once it is closed. */
  setOpen(file: string, objects: IndexedObject[] | undefined): void {
    if (this.store.setOpen(file, objects) && this.walked) this.opts.onChange();
    // A closed document's file is read again: its text on disk may differ from the editor's.
    if (objects === undefined) this.filesChanged([file]);
  }

  /** The index for the analysis workers, once the first walk is done. */
  current(): { version: number; index: KubernetesIndex } | undefined {
    return this.walked ? { version: this.store.version, index: this.store.get() } : undefined;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }

  private receive(m: IndexReply): void {
    if (m.op === 'entries') {
      let changed = false;
      for (const e of m.entries) changed = this.store.setDisk(e.file, e.objects) || changed;
      if (changed && this.walked) this.opts.onChange();
      return;
    }
    this.store.setComplete(m.complete);
    this.walked = true;
    this.opts.log(
      `shipshape: indexed ${m.files} file${m.files === 1 ? '' : 's'} of the workspace in ${m.ms} ms` +
        (m.complete ? '' : ` (stopped at ${MAX_INDEX_FILES} files: checks across files stay quiet)`),
    );
    this.opts.onChange();
  }
}
