import { parentPort } from 'node:worker_threads';
import type { CodeActionParams } from 'vscode-languageserver/node';
import type { IndexedObject, KubernetesIndex } from '../core/kubernetes-index';
import type { ShellcheckComment } from '../shellcheck';
import { Analyser, type DocumentState, type RequestContext } from './analysis';
import { EditorService, type EditorRequest } from './editor';

/** A job the language server's main thread hands to the analysis worker. */
export type Job =
  | { op: 'diagnostics'; uri: string; ctx: RequestContext }
  | { op: 'codeActions'; uri: string; ctx: RequestContext; params: CodeActionParams }
  | { op: 'shellScripts'; uri: string; ctx: RequestContext }
  | {
      op: 'shellDiagnostics';
      uri: string;
      ctx: RequestContext;
      results: [string, ShellcheckComment[] | null][];
    }
  /** Editing features (completion, outline, definitions…), answered by the editor worker. */
  | { op: 'editor'; uri: string; request: EditorRequest }
  | { op: 'forget'; uri: string }
  | { op: 'reset' };

export interface JobMessage {
  id: number;
  job: Job;
  /** The document's text, sent only when the worker does not hold this version yet. */
  doc?: DocumentState;
  /** The workspace index, sent only when the worker does not hold this version yet. */
  index?: KubernetesIndex;
}

export type WorkerMessage =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: string }
  | { log: 'error' | 'warn'; message: string }
  /** An open document's Kubernetes objects changed (for the workspace index). */
  | { summary: { file: string; objects: IndexedObject[] } }
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
  const analyser = new Analyser(
    (level, message) => post({ log: level, message }),
    (file, objects) => post({ summary: { file, objects } }),
  );
  const editor = new EditorService();
  port.on('message', ({ id, job, doc, index }: JobMessage) => {
    try {
      if (doc) {
        analyser.update(doc);
        editor.update(doc);
      }
      if (index) analyser.setIndex(index);
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
    case 'shellScripts':
      return analyser.shellScripts(job.uri, job.ctx);
    case 'shellDiagnostics':
      return analyser.shellDiagnostics(job.uri, job.ctx, job.results);
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
