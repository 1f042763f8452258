// Builds minified bundles and packages the extension with vsce. Prints the .vsix path and size.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const out = `shipshape-${pkg.version}.vsix`;
execFileSync(process.execPath, ['scripts/build.mjs', '--minify'], { stdio: 'inherit' });
execFileSync(process.execPath, ['scripts/notices.mjs'], { stdio: 'inherit' });
execFileSync(
  process.execPath,
  ['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '--skip-license', '-o', out],
  { stdio: 'inherit' },
);
const size = statSync(out).size;
console.log(`${out}: ${(size / 1024).toFixed(0)} KiB`);
