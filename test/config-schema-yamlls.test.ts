import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { LspClient, type Settings } from './helpers/lsp-client';

/**
 * The .shipshape.yaml schema as VS Code's YAML extension applies it (`yamlValidation`): yaml-language-server,
 * the server inside that extension, with the schema associated by file name and nothing else (no schema
 * store, nothing downloaded).
 */
const YAML_LS = 'node_modules/yaml-language-server/bin/yaml-language-server';
const SCHEMA = pathToFileURL(resolve('schemas/shipshape-config.schema.json')).href;
const SETTINGS: Settings = {
  yaml: {
    validate: true,
    hover: false,
    completion: true,
    format: { enable: false },
    schemas: { [SCHEMA]: ['.shipshape.yaml'] },
    schemaStore: { enable: false, url: '' },
    kubernetesCRDStore: { enable: false },
    customTags: [],
  },
  http: { proxy: '', proxyStrictSSL: false },
  '[yaml]': {},
  editor: { tabSize: 2 },
};

describe('the .shipshape.yaml schema in yaml-language-server', () => {
  let dir: string;
  let client: LspClient;
  let n = 0;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-schema-'));
    client = await LspClient.start(YAML_LS, { settings: SETTINGS, timeoutMs: 30_000 });
    await client.notify('workspace/didChangeConfiguration', { settings: SETTINGS });
  });

  after(async () => {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Each text in a folder of its own, so that every document is a first open of a `.shipshape.yaml`. */
  async function lines(text: string): Promise<number[]> {
    const uri = pathToFileURL(join(dir, String(++n), '.shipshape.yaml')).href;
    await client.open(uri, 'yaml', text);
    const p = await client.waitForDiagnostics(uri);
    return p.diagnostics.map((d) => d.range.start.line).sort((a, b) => a - b);
  }

  it('accepts a configuration Shipshape reads', async () => {
    assert.deepEqual(
      await lines(
        'rules:\n  dockerfile/no-latest-tag: off\n  hadolint:DL3007: warning\nkubernetes:\n  version: "1.30"\nignore:\n  - charts/**\nonlyRecommended: true\n',
      ),
      [],
    );
  });

  it('flags a mistyped rule id, a level that does not exist and an unquoted version, on their lines', async () => {
    assert.deepEqual(
      await lines(
        'rules:\n  dockerfile/no-latest-tags: off\n  dockerfile/json-args: warn\nkubernetes:\n  version: 1.30\n',
      ),
      [1, 2, 4],
    );
  });

  it('offers the rule ids as completions under rules', async () => {
    const uri = pathToFileURL(join(dir, String(++n), '.shipshape.yaml')).href;
    await client.open(uri, 'yaml', 'rules:\n  dockerfile/no-r\n');
    await client.waitForDiagnostics(uri);
    const r = await client.request<{ items: { label: string }[] } | { label: string }[] | null>(
      'textDocument/completion',
      { textDocument: { uri }, position: { line: 1, character: 17 } },
    );
    const labels = (Array.isArray(r) ? r : (r?.items ?? [])).map((i) => i.label);
    assert.ok(labels.includes('dockerfile/no-root-user'), labels.join(', '));
  });
});
