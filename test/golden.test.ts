import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig } from '../server/src/core/config';
import type { Host } from '../server/src/core/rule';
import { Engine } from '../server/src/engine';
import { fixAll } from '../server/src/fix-all';

/**
 * Golden files: each folder under test/golden/<language>/ holds a realistic input, the listing of its
 * findings (`findings.txt`) and the text after every safe fix (`<input>.fixed`). Run with UPDATE_GOLDEN=1
 * to rewrite them, then review the diff.
 */
const update = process.env.UPDATE_GOLDEN === '1';
const INPUTS: Record<string, string> = {
  dockerfile: 'Dockerfile',
  kubernetes: 'manifests.yaml',
  compose: 'compose.yaml',
};

function compare(path: string, actual: string): void {
  if (update || !existsSync(path)) {
    if (!update) assert.fail(`${path} is missing; run with UPDATE_GOLDEN=1`);
    writeFileSync(path, actual);
    return;
  }
  assert.equal(actual, readFileSync(path, 'utf8'), path);
}

for (const [language, input] of Object.entries(INPUTS)) {
  const root = join('test/golden', language);
  if (!existsSync(root)) continue;
  describe(`golden ${language}`, () => {
    for (const name of readdirSync(root).sort()) {
      const dir = join(root, name);
      it(name, () => {
        const text = readFileSync(join(dir, input), 'utf8');
        const siblings = readdirSync(dir);
        const host: Host = {
          fileName: input,
          exists: (p) => siblings.includes(p),
          // Sibling files are readable too (Compose reads `.env` and the Dockerfiles it builds).
          read: (p) => (siblings.includes(p) ? readFileSync(join(dir, p), 'utf8') : undefined),
        };
        const engine = new Engine();
        const result = engine.analyze({ name: input, text }, defaultConfig(), host);
        assert.ok(result);
        assert.deepEqual(result.internalErrors, []);
        const listing = result.findings
          .map(
            (f) =>
              `${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1} ${f.severity} ${f.ruleId}${f.fixable ? ' [fix]' : ''}\n  ${f.message}`,
          )
          .join('\n');
        compare(join(dir, 'findings.txt'), listing + '\n');
        const fixed = fixAll(engine, { name: input, text }, defaultConfig(), host);
        compare(join(dir, `${input}.fixed`), fixed.text);
        // Fixing is idempotent and leaves no safe fix behind.
        const again = fixAll(engine, { name: input, text: fixed.text }, defaultConfig(), {
          ...host,
          exists: (p) => host.exists(p) || fixed.creates.some((c) => c.path === p),
        });
        assert.equal(again.text, fixed.text, 'a second fix-all changes nothing');
        const after = engine.analyze({ name: input, text: fixed.text }, defaultConfig(), host);
        // Safe fixes may remove errors (a misspelt Kubernetes field renamed), never add one.
        const before = new Set(result.findings.filter((f) => f.severity === 'error').map((f) => f.message));
        assert.deepEqual(
          after?.findings
            .filter((f) => f.severity === 'error' && !before.has(f.message))
            .map((f) => f.message) ?? [],
          [],
          'fixes introduce no errors',
        );
      });
    }
  });
}
