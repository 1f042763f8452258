import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig } from '../server/src/core/config';
import type { Host } from '../server/src/core/rule';
import { Engine } from '../server/src/engine';
import { fixAll } from '../server/src/fix-all';
import { KubernetesIndexStore } from '../server/src/languages/kubernetes/workspace';
import { summarizeFile } from '../server/src/workspace-index';

/**
 * Golden files for an application split over several files (test/golden/kubernetes-app/<name>/): every
 * file is indexed as the CLI indexes the files it is given, then each is analysed with that index. The
 * listing of all findings is `findings.txt`; `fixed.txt` holds the files that every safe fix changes.
 * Run with UPDATE_GOLDEN=1 to rewrite them, then review the diff.
 */
const update = process.env.UPDATE_GOLDEN === '1';
const ROOT = 'test/golden/kubernetes-app';

function compare(path: string, actual: string): void {
  if (update || !existsSync(path)) {
    if (!update) assert.fail(`${path} is missing; run with UPDATE_GOLDEN=1`);
    writeFileSync(path, actual);
    return;
  }
  assert.equal(actual, readFileSync(path, 'utf8'), path);
}

describe('golden kubernetes application', () => {
  for (const name of readdirSync(ROOT).sort()) {
    const dir = join(ROOT, name);
    it(name, () => {
      const files = readdirSync(dir)
        .filter((f) => f.endsWith('.yaml'))
        .sort();
      const store = new KubernetesIndexStore();
      for (const f of files) {
        const path = resolve(dir, f);
        store.setDisk(path, summarizeFile(path, readFileSync(path, 'utf8'), resolve(dir)));
      }
      store.setComplete(true);
      const host: Host = { exists: (p) => files.includes(p), kubernetes: store.get() };
      const engine = new Engine();
      const listing: string[] = [];
      const fixed: string[] = [];
      for (const f of files) {
        const path = resolve(dir, f);
        const text = readFileSync(path, 'utf8');
        const result = engine.analyze({ name: path, text }, defaultConfig(), { ...host, fileName: f });
        assert.ok(result, `${f} is analysed`);
        assert.deepEqual(result.internalErrors, []);
        for (const x of result.findings)
          listing.push(
            `${f}:${x.range.start.line + 1}:${x.range.start.character + 1}-${x.range.end.line + 1}:${x.range.end.character + 1} ${x.severity} ${x.ruleId}${x.fixable ? ' [fix]' : ''}\n  ${x.message}`,
          );
        const after = fixAll(engine, { name: path, text }, defaultConfig(), { ...host, fileName: f }).text;
        if (after !== text) fixed.push(`# ${f}\n${after}`);
      }
      compare(join(dir, 'findings.txt'), listing.join('\n') + '\n');
      compare(join(dir, 'fixed.txt'), fixed.join('\n'));
    });
  }
});
