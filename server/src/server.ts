import { isMainThread } from 'node:worker_threads';
import { startServer } from './lsp/server';
import { runWorker } from './lsp/worker';

// One bundle, two roles: on the main thread the language server (the connection reads --stdio,
// --node-ipc or --socket from the command line); in a worker thread it started, the analysis loop.
if (isMainThread) startServer(__filename);
else runWorker();
