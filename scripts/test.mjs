// Runs every *.test.ts under test/ with node's test runner; TypeScript is loaded through tsx.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const only = process.argv.slice(2);
function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name === 'fixtures' || name === 'e2e' || name === 'vscode') continue;
      out.push(...walk(p));
    } else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}
const files = (only.length ? only : walk('test')).sort();
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
