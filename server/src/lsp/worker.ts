import { parentPort } from 'node:worker_threads';
import type { CodeActionParams, Position } from 'vscode-languageserver/node';
import { Analyser, type DocumentState, type RequestContext } from './analysis';
import { EditorService, type EditorRequest } from './editor';

/** A job the language server's main thread hands to the analysis worker. */
export type Job =
  | { op: 'diagnostics'; uri: string; ctx: RequestContext }
  | { op: 'codeActions'; uri: string; ctx: RequestContext; params: CodeActionParams }
  | { op: 'hover'; uri: string; ctx: RequestContext; position: Position }
  /** Editing features (completion, outline, definitions…), answered by the editor worker. */
  | { op: 'editor'; uri: string; request: EditorRequest }
  | { op: 'forget'; uri: string }
  | { op: 'reset' };

export interface JobMessage {
  id: number;
  job: Job;
  /** The document's text, sent only when the worker does not hold this version yet. */
  doc?: DocumentState;
}

export type WorkerMessage =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: string }
  | { log: 'error' | 'warn'; message: string }
  /** Sent once the worker has loaded, so no job's clock runs while the bundle loads. */
  | { ready: true };

/**
 * The analysis worker's loop: it holds the documents, the engine and its parse caches, and answers one
 * job at a time. The main thread keeps the LSP connection and the clock (see watchdog.ts).
 */
export function runWorker(): void {
  const port = parentPort;
  if (!port) return;
  const post = (m: WorkerMessage): void => port.postMessage(m);
  const analyser = new Analyser((level, message) => post({ log: level, message }));
  const editor = new EditorService();
  port.on('message', ({ id, job, doc }: JobMessage) => {
    try {
      if (doc) {
        analyser.update(doc);
        editor.update(doc);
      }
      if (job.op === 'forget') editor.forget(job.uri);
      post({
        id,
        ok: true,
        value: job.op === 'editor' ? editor.run(job.uri, job.request) : run(analyser, job),
      });
    } catch (e) {
      post({ id, ok: false, error: String((e as Error).stack ?? e) });
    }
  });
  post({ ready: true });
}

function run(analyser: Analyser, job: Job): unknown {
  switch (job.op) {
    case 'diagnostics':
      return analyser.diagnostics(job.uri, job.ctx);
    case 'codeActions':
      return analyser.codeActions(job.uri, job.params, job.ctx);
    case 'hover':
      return analyser.hover(job.uri, job.position, job.ctx);
    case 'forget':
      analyser.forget(job.uri);
      return null;
    case 'editor':
      return null;
    case 'reset':
      analyser.reset();
      return null;
  }
}
