import { isMainThread, workerData } from 'node:worker_threads';
import { startServer } from './lsp/server';
import { runWorker } from './lsp/worker';
import { runIndexWorker } from './lsp/workspace-index';

// One bundle, two roles: on the main thread the language server (the connection reads --stdio,
// --node-ipc or --socket from the command line); in a worker thread it started, the analysis loop or the
// workspace index.
if (isMainThread) startServer(__filename);
else if ((workerData as { role?: string } | null)?.role === 'index') runIndexWorker();
else runWorker();
