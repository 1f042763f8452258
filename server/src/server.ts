import { startServer } from './lsp/server';

// The connection reads --stdio, --node-ipc or --socket from the command line.
startServer();
