import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TextEdit } from '../server/src/core/text';
import { workspaceEdit, type EditCapabilities } from '../server/src/lsp/convert';

/** Fix edits become LSP edits: snippet edits (tab stops on values to tune) only where the client takes them. */
describe('workspace edits for a fix', () => {
  const at = { start: { line: 2, character: 4 }, end: { line: 2, character: 4 } };
  const edit: TextEdit = { range: at, newText: 'cpus: "1.0"\n', snippet: 'cpus: "${1:1.0}"\n' };
  const plain: TextEdit = { range: at, newText: 'x\n' };
  const cases: [name: string, caps: EditCapabilities, expected: unknown][] = [
    [
      'snippet edits when the client supports them',
      { documentChanges: true, createFiles: true, snippetEdits: true },
      { documentChanges: [{ textDocument: { uri: 'file:///c.yaml', version: 3 }, edits: [{ range: at, snippet: { kind: 'snippet', value: 'cpus: "${1:1.0}"\n' } }, { range: at, newText: 'x\n' }] }] },
    ],
    [
      'plain text edits, without the snippet field, when it does not',
      { documentChanges: true, createFiles: true },
      { documentChanges: [{ textDocument: { uri: 'file:///c.yaml', version: 3 }, edits: [{ range: at, newText: 'cpus: "1.0"\n' }, { range: at, newText: 'x\n' }] }] },
    ],
    [
      'plain text edits in a `changes` map (no document changes)',
      { documentChanges: false, createFiles: false, snippetEdits: true },
      { changes: { 'file:///c.yaml': [{ range: at, newText: 'cpus: "1.0"\n' }, { range: at, newText: 'x\n' }] } },
    ],
  ]; // prettier-ignore
  for (const [name, caps, expected] of cases)
    it(name, () => assert.deepEqual(workspaceEdit('file:///c.yaml', 3, [edit, plain], [], caps), expected));
});
