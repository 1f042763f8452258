import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { commands, env, languages, Uri, window, workspace } from 'vscode';
import {
  CloseAction,
  LanguageClient,
  TransportKind,
  type ErrorHandler,
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
  let restartTold = false;
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'dockerfile' },
      { language: 'dockercompose' },
      { language: 'yaml' },
      // Kubernetes manifests written as JSON; other JSON files are recognised as none of ours and left alone.
      { scheme: 'file', language: 'json' },
      { pattern: '**/{Dockerfile,Containerfile,Dockerfile.*,*.Dockerfile,*.dockerfile}' },
    ],
    synchronize: {
      configurationSection: 'shipshape',
      fileEvents: workspace.createFileSystemWatcher(
        '**/{.shipshape.yaml,.shipshape.yml,.hadolint.yaml,.hadolint.yml,.dockerignore}',
      ),
    },
    // A function, so a restarted server learns the trust granted since the first start.
    initializationOptions: () => ({ trusted: workspace.isTrusted }),
    // The default policy restarts a crashed server up to 4 times in 3 minutes; say so once, plainly.
    errorHandler: {
      error: (error, message, count) => defaultHandler().error(error, message, count),
      closed: async () => {
        const r = await defaultHandler().closed();
        if (r.action === CloseAction.DoNotRestart)
          return {
            action: CloseAction.DoNotRestart,
            message:
              'The Shipshape language server stopped 5 times in 3 minutes and was not started again. ' +
              'Run "Developer: Reload Window" to restart it; the Shipshape output has the details.',
          };
        if (!restartTold) {
          restartTold = true;
          void window.showWarningMessage(
            'The Shipshape language server stopped unexpectedly and was restarted; ' +
              'checks continue. The Shipshape output has the details.',
          );
        }
        return { action: CloseAction.Restart, handled: true };
      },
    },
  };
  client = new LanguageClient('shipshape', 'Shipshape', serverOptions, clientOptions);
  const created = client;
  let fallback: ErrorHandler | undefined;
  const defaultHandler = (): ErrorHandler => (fallback ??= created.createDefaultErrorHandler(4));
  // Trust can only be granted during a session; in an untrusted workspace the server ignores
  // shipshape.configFile until then.
  context.subscriptions.push(
    workspace.onDidGrantWorkspaceTrust(
      () => void client?.sendNotification('shipshape/didChangeWorkspaceTrust', { trusted: true }),
    ),
  );
  context.subscriptions.push(
    commands.registerCommand('shipshape.fixAll', fixAllInFile),
    commands.registerCommand('shipshape.showOutput', () => client?.outputChannel.show(true)),
    commands.registerCommand('shipshape.restartServer', async () => {
      await client?.restart();
      void window.setStatusBarMessage('Shipshape: language server restarted', 3000);
    }),
    commands.registerCommand('shipshape.openRuleDocs', () => openRuleDocs(context)),
  );
  await client.start();
  context.subscriptions.push({ dispose: () => void client?.stop() });
}

/** Applies every safe fix of the file: the same action as "Fix all" on save (source.fixAll.shipshape). */
async function fixAllInFile(): Promise<void> {
  if (!window.activeTextEditor) {
    void window.showInformationMessage('Shipshape: open a Dockerfile, Compose file or manifest first.');
    return;
  }
  await commands.executeCommand('editor.action.sourceAction', {
    kind: 'source.fixAll.shipshape',
    apply: 'first',
  });
}

const DOCS_BASE = 'https://github.com/shipshape-dev/shipshape/blob/main/docs/rules/';

/**
 * Opens the page of the rule under the cursor; elsewhere, lets the user pick a rule. The rule ids come from
 * the extension's own manifest (the names `shipshape.rules` accepts), so the client needs no server round trip.
 */
async function openRuleDocs(context: ExtensionContext): Promise<void> {
  const editor = window.activeTextEditor;
  if (editor) {
    const here = languages
      .getDiagnostics(editor.document.uri)
      .filter((d) => d.source === 'shipshape' && d.range.contains(editor.selection.active));
    const target = here.map((d) => (typeof d.code === 'object' ? d.code.target : undefined)).find(Boolean);
    if (target) {
      await env.openExternal(target);
      return;
    }
  }
  const manifest = context.extension.packageJSON as {
    contributes?: {
      configuration?: {
        properties?: Record<string, { propertyNames?: { enum?: string[] } }>;
      };
    };
  };
  const names =
    manifest.contributes?.configuration?.properties?.['shipshape.rules']?.propertyNames?.enum ?? [];
  const ids = names.filter((n) => /^(dockerfile|compose|kubernetes)\//.test(n));
  const picked = await window.showQuickPick(ids, {
    placeHolder: 'Open the documentation of a Shipshape rule',
  });
  if (picked) await env.openExternal(Uri.parse(`${DOCS_BASE}${picked}.md`));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
