import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { applyWorkspaceEdit, LspClient } from './helpers/lsp-client';

/**
 * The language server on the Kubernetes files that are not plain block YAML: a manifest written as JSON
 * (languageId `json`), a kustomize patch beside the kustomization that lists it (read from disk), and a
 * manifest with a byte-order mark, whose fix-all keeps the mark.
 */
const SERVER = 'server/out/server.js';

const POD_JSON = `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {"name": "web"},
  "spec": {"containers": [{"name": "web", "image": "nginx:1.27", "imagePullPolicy": "always"}]}
}
`;

const PATCH = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
`;

const BOM_NETPOL =
  '\ufeffapiVersion: networking.k8s.io/v1beta1\nkind: NetworkPolicy\nmetadata:\n  name: np\nspec:\n  podSelector: {}\n';

function at(d: Diagnostic): string {
  return `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(d.code)}`;
}

describe('language server on JSON manifests, kustomize patches and byte-order marks', () => {
  let dir: string;
  let client: LspClient;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-lsp-k8s-files-'));
    mkdirSync(join(dir, 'overlays', 'prod'), { recursive: true });
    writeFileSync(
      join(dir, 'overlays', 'kustomization.yaml'),
      'resources:\n- ../base\npatches:\n- path: prod/replicas.yaml\n',
    );
    client = await LspClient.start(SERVER, { rootUri: pathToFileURL(dir).toString(), timeoutMs: 20_000 });
  });

  after(async () => {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('checks a JSON manifest opened as json, with ranges on the JSON text', async () => {
    const file = join(dir, 'pod.json');
    writeFileSync(file, POD_JSON);
    const uri = pathToFileURL(file).toString();
    await client.open(uri, 'json', POD_JSON);
    const p = await client.waitForDiagnostics(uri, undefined, 1);
    const schema = p.diagnostics.filter((d) => d.code === 'kubernetes/schema').map(at);
    assert.deepEqual(schema, ['4:84-4:92 kubernetes/schema']);
  });

  it('leaves other JSON alone', async () => {
    const file = join(dir, 'package.json');
    const text = '{"name": "app", "version": "1.0.0"}\n';
    writeFileSync(file, text);
    const uri = pathToFileURL(file).toString();
    await client.open(uri, 'json', text);
    const p = await client.waitForDiagnostics(uri, undefined, 1);
    assert.deepEqual(p.diagnostics, []);
  });

  it('checks a patch that a kustomization above lists only for what it writes', async () => {
    const file = join(dir, 'overlays', 'prod', 'replicas.yaml');
    writeFileSync(file, PATCH);
    const uri = pathToFileURL(file).toString();
    await client.open(uri, 'yaml', PATCH);
    const p = await client.waitForDiagnostics(uri, undefined, 1);
    assert.deepEqual(p.diagnostics.map(at), []);
  });

  it('places findings after a byte-order mark and keeps the mark through fix-all', async () => {
    const file = join(dir, 'netpol.yaml');
    writeFileSync(file, BOM_NETPOL);
    const uri = pathToFileURL(file).toString();
    await client.open(uri, 'yaml', BOM_NETPOL);
    const p = await client.waitForDiagnostics(uri, undefined, 1);
    assert.deepEqual(p.diagnostics.map(at), ['0:13-0:38 kubernetes/schema']);
    const actions = await client.codeActions(uri, p.diagnostics[0]!.range, ['source.fixAll.shipshape']);
    const fixAll = actions.find((a): a is CodeAction => 'edit' in a && a.edit !== undefined);
    assert.ok(fixAll, 'a fix-all action');
    const fixed = applyWorkspaceEdit(BOM_NETPOL, fixAll.edit!, uri);
    assert.equal(fixed, BOM_NETPOL.replace('v1beta1', 'v1'));
  });
});
