// The code-server e2e scenarios (test/e2e/README.md), through the VS Code API instead of the UI. Runs inside the
// extension host with a copy of test/e2e/fixtures/workspace open and
// "editor.codeActionsOnSave": { "source.fixAll.shipshape": "explicit" } in the user settings (run.mjs).
// Waiting is event-driven: diagnostics through languages.onDidChangeDiagnostics, saves through
// workspace.onDidSaveTextDocument; the timeouts are safety nets that say what was there instead.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

const EXTENSION_ID = 'shipshape.shipshape';
const WAIT_MS = 30_000;
const SEED = 'Dockerfile'; // seed 000's "Current Dockerfile"
const NO_ROOT = 'dockerfile/no-root-user';

const uriOf = (rel: string): vscode.Uri => {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  assert.ok(root, 'no workspace folder is open (run the suite with test/vscode/run.mjs)');
  return vscode.Uri.joinPath(root, ...rel.split('/'));
};
const codeOf = (d: vscode.Diagnostic): string =>
  typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
const isFinding =
  (rule: string) =>
  (d: vscode.Diagnostic): boolean =>
    d.source === 'shipshape' && codeOf(d) === rule;
const show = (ds: readonly vscode.Diagnostic[]): string =>
  ds
    .map(
      (d) =>
        `${d.range.start.line + 1}:${d.range.start.character + 1} ${vscode.DiagnosticSeverity[d.severity]} ${d.source}(${codeOf(d)})`,
    )
    .join('; ') || 'no diagnostics';

/** Resolves with the document's diagnostics as soon as `accept` holds for them (now or after a change). */
function diagnosticsWhere(
  uri: vscode.Uri,
  what: string,
  accept: (ds: readonly vscode.Diagnostic[]) => boolean,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const ds = vscode.languages.getDiagnostics(uri);
      if (!accept(ds)) return;
      sub.dispose();
      clearTimeout(timer);
      resolve(ds);
    };
    // Subscribe first, then look at what is already there: nothing that arrives in between is missed.
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      const now = vscode.languages.getDiagnostics(uri);
      reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${what}; ${uri.path} has: ${show(now)}`));
    }, WAIT_MS);
    check();
  });
}

const findingOf = (uri: vscode.Uri, rule: string): Promise<vscode.Diagnostic> =>
  diagnosticsWhere(uri, `shipshape(${rule})`, (ds) => ds.some(isFinding(rule))).then((ds) =>
    ds.find(isFinding(rule))!,
  );
const noFindingOf = (uri: vscode.Uri, rule: string): Promise<vscode.Diagnostic[]> =>
  diagnosticsWhere(uri, `shipshape(${rule}) to go away`, (ds) => !ds.some(isFinding(rule)));

async function open(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uriOf(rel));
  return vscode.window.showTextDocument(doc);
}

/** A snippet body expanded with its placeholder defaults (choices take their first option), as in e2e.mjs. */
function expandSnippet(body: string | string[]): string {
  let text = (Array.isArray(body) ? body : [body]).join('\n');
  const defaults = new Map<string, string>();
  for (let changed = true; changed;) {
    changed = false;
    text = text
      .replace(/\$\{(\d+)\|([^|}]*?)(?:,[^|}]*)*\|\}/g, (_, n: string, first: string) => {
        changed = true;
        defaults.set(n, first);
        return first;
      })
      .replace(/\$\{(\d+):([^${}]*)\}/g, (_, n: string, value: string) => {
        changed = true;
        defaults.set(n, value);
        return value;
      });
  }
  return text
    .replace(/\$\{(\d+)\}|\$(\d+)/g, (_, a?: string, b?: string) => defaults.get((a ?? b)!) ?? '')
    .replace(/\\\$/g, '$');
}

type Step = [name: string, run: () => Promise<void>];

/** One scenario: its steps run in order and the first failure skips the rest (mocha's bail). */
function scenario(parent: Mocha.Suite, title: string, steps: Step[]): void {
  const suite = Mocha.Suite.create(parent, title);
  suite.bail(true);
  for (const [name, run] of steps) suite.addTest(new Mocha.Test(name, run));
}

export function registerScenarios(root: Mocha.Suite): void {
  let finding: vscode.Diagnostic;

  scenario(root, '1. opening the seed Dockerfile shows shipshape(dockerfile/no-root-user) on line 1', [
    [
      'the finding arrives, and only Shipshape reports',
      async () => {
        const opened = Date.now();
        const editor = await open(SEED);
        assert.equal(editor.document.languageId, 'dockerfile');
        assert.match(editor.document.getText(), /^FROM python:3\.11-slim\n/);
        finding = await findingOf(editor.document.uri, NO_ROOT);
        console.log(
          `    Dockerfile opened -> first Shipshape diagnostic (activation + analysis): ${Date.now() - opened} ms`,
        );
        assert.equal(
          vscode.extensions.getExtension(EXTENSION_ID)?.isActive,
          true,
          'the extension is not active',
        );
        assert.equal(finding.range.start.line, 0);
        const ds = vscode.languages.getDiagnostics(editor.document.uri);
        assert.deepEqual(
          ds.filter((d) => d.source !== 'shipshape'),
          [],
          `other sources report: ${show(ds)}`,
        );
      },
    ],
  ]);

  scenario(root, '5. the hover on the finding names the rule and gives its rationale', [
    [
      'vscode.executeHoverProvider',
      async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          uriOf(SEED),
          finding.range.start.translate(0, 1),
        );
        const text = hovers
          .flatMap((h) => h.contents)
          .map((c) => (typeof c === 'string' ? c : c.value))
          .join('\n');
        assert.match(text, /dockerfile\/no-root-user/, `hover: ${text}`);
        assert.match(text, /one kernel bug/, `hover: ${text}`);
      },
    ],
  ]);

  scenario(root, "2. the 'Run as non-root user' quick fix adds a USER line", [
    [
      'vscode.executeCodeActionProvider offers it; applying it removes the finding',
      async () => {
        const editor = await open(SEED);
        const uri = editor.document.uri;
        const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
          'vscode.executeCodeActionProvider',
          uri,
          finding.range,
          vscode.CodeActionKind.QuickFix.value,
        );
        const fix = actions.find((a): a is vscode.CodeAction => a.title.startsWith('Run as non-root user'));
        assert.ok(fix, `offered: ${actions.map((a) => a.title).join(' | ') || 'nothing'}`);
        assert.ok(fix.edit, 'the quick fix has no edit');
        assert.equal(await vscode.workspace.applyEdit(fix.edit), true, 'applyEdit refused the edit');
        if (fix.command)
          await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
        await noFindingOf(uri, NO_ROOT);
        const text = editor.document.getText();
        assert.match(text, /^USER \S+/m);
        assert.match(text, /^RUN .*(useradd|adduser)/m);
      },
    ],
    [
      'reverting the file brings the finding back',
      async () => {
        const editor = await open(SEED);
        await vscode.commands.executeCommand('workbench.action.files.revert');
        assert.equal(editor.document.isDirty, false);
        assert.doesNotMatch(editor.document.getText(), /^USER /m);
        assert.doesNotMatch(readFileSync(editor.document.uri.fsPath, 'utf8'), /^USER /m, 'the fix was saved');
        finding = await findingOf(editor.document.uri, NO_ROOT);
      },
    ],
  ]);

  scenario(root, '3. saving with editor.codeActionsOnSave rewrites a shell-form CMD to JSON form', [
    [
      'api/Dockerfile: json-args before, CMD ["gunicorn", ...] on disk and in the editor after the save',
      async () => {
        const editor = await open('api/Dockerfile');
        const uri = editor.document.uri;
        const shell = 'CMD gunicorn app:app --bind 0.0.0.0:8000';
        const json = 'CMD ["gunicorn", "app:app", "--bind", "0.0.0.0:8000"]';
        const before = readFileSync(uri.fsPath, 'utf8');
        assert.ok(before.includes(shell), 'fixture api/Dockerfile does not have the shell-form CMD');
        await findingOf(uri, 'dockerfile/json-args');
        const saved = new Promise<void>((resolve) => {
          const sub = vscode.workspace.onDidSaveTextDocument((d) => {
            if (d.uri.toString() !== uri.toString()) return;
            sub.dispose();
            resolve();
          });
        });
        // The command Ctrl+S runs: an explicit save, which is when "explicit" code actions on save apply.
        await vscode.commands.executeCommand('workbench.action.files.save');
        await saved;
        // Only the safe fix runs on save: the unsafe ones (a HEALTHCHECK for missing-healthcheck) do not.
        const expected = before.replace(shell, json);
        assert.equal(readFileSync(uri.fsPath, 'utf8'), expected);
        assert.equal(editor.document.getText(), expected);
        assert.equal(editor.document.isDirty, false);
        await noFindingOf(uri, 'dockerfile/json-args');
      },
    ],
  ]);

  scenario(root, '4. a snippet expands from its prefix in a new Dockerfile', [
    [
      'ss-python-multistage is offered as a completion and inserts the snippet body',
      async () => {
        const editor = await open('new/Dockerfile');
        const uri = editor.document.uri;
        assert.equal(editor.document.getText().trim(), '', 'fixture new/Dockerfile is not empty');
        await findingOf(uri, 'dockerfile/syntax-error'); // an empty Dockerfile has no FROM
        const prefix = 'ss-python-multistage';
        assert.equal(await editor.edit((b) => b.insert(new vscode.Position(0, 0), prefix)), true);
        const list = await vscode.commands.executeCommand<vscode.CompletionList>(
          'vscode.executeCompletionItemProvider',
          uri,
          new vscode.Position(0, prefix.length),
        );
        const label = (i: vscode.CompletionItem): string =>
          typeof i.label === 'string' ? i.label : i.label.label;
        const item = list.items.find((i) => label(i) === prefix);
        assert.ok(item, `completions: ${list.items.map(label).slice(0, 30).join(', ')}`);
        assert.equal(item.kind, vscode.CompletionItemKind.Snippet);
        assert.ok(
          item.insertText instanceof vscode.SnippetString,
          'the completion does not insert a snippet',
        );
        assert.equal(
          await editor.insertSnippet(item.insertText, new vscode.Range(0, 0, 0, prefix.length)),
          true,
          'insertSnippet refused',
        );
        await vscode.commands.executeCommand('leaveSnippet');

        const extension = vscode.extensions.getExtension(EXTENSION_ID);
        assert.ok(extension, `${EXTENSION_ID} is not loaded`);
        const snippets = JSON.parse(
          readFileSync(join(extension.extensionPath, 'snippets/dockerfile.json'), 'utf8'),
        );
        const want = expandSnippet(snippets['Python multi-stage (virtualenv)'].body)
          .split('\n')
          .map((l) => l.trimEnd());
        const got = editor.document
          .getText()
          .split('\n')
          .map((l) => l.trimEnd());
        assert.deepEqual(got, want);

        // The empty file's syntax error goes once the snippet is in, and no error is left.
        const left = await noFindingOf(uri, 'dockerfile/syntax-error');
        const errors = left.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
        assert.deepEqual(errors, [], `errors left: ${show(errors)}`);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      },
    ],
  ]);

  scenario(root, '6. a valid compose file and a valid Kubernetes manifest open without errors', [
    [
      'compose.yaml and k8s/deployment.yaml have no error diagnostics',
      async () => {
        const compose = (await open('compose.yaml')).document;
        const k8s = (await open('k8s/deployment.yaml')).document;
        assert.ok(
          ['dockercompose', 'yaml'].includes(compose.languageId),
          `compose.yaml is ${compose.languageId}`,
        );
        assert.equal(k8s.languageId, 'yaml');
        // The server handles documents in the order they open: once a Dockerfile opened after them has its
        // finding, the two YAML files have been analysed too (their diagnostics may be an unchanged empty list).
        const barrier = await vscode.workspace.openTextDocument({
          language: 'dockerfile',
          content: 'FROM python:3.11-slim\n',
        });
        await findingOf(barrier.uri, NO_ROOT);
        for (const doc of [compose, k8s]) {
          const ds = vscode.languages.getDiagnostics(doc.uri);
          const errors = ds.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
          assert.deepEqual(errors, [], `${doc.uri.path}: ${show(errors)}`);
          console.log(`    ${vscode.workspace.asRelativePath(doc.uri)} (${doc.languageId}): ${show(ds)}`);
        }
      },
    ],
  ]);
}
