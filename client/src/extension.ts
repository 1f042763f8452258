import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { workspace } from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** Starts the Shipshape language server over IPC. All logic lives in the server. */
export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'dockerfile' },
      { language: 'dockercompose' },
      { language: 'yaml' },
      { pattern: '**/{Dockerfile,Containerfile,Dockerfile.*,*.Dockerfile,*.dockerfile}' },
    ],
    synchronize: {
      configurationSection: 'shipshape',
      fileEvents: workspace.createFileSystemWatcher(
        '**/{.shipshape.yaml,.shipshape.yml,.hadolint.yaml,.hadolint.yml,.dockerignore}',
      ),
    },
    // The client restarts a crashed server (up to 4 times in 3 minutes) by default; keep that behaviour.
  };
  client = new LanguageClient('shipshape', 'Shipshape', serverOptions, clientOptions);
  await client.start();
  context.subscriptions.push({ dispose: () => void client?.stop() });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
