// Builds the publishable `shipshape` CLI package: dist/cli/ holds one minified bundle with every runtime
// dependency inside (nothing to install), a package.json written here from the root one, a README, the
// licence and the third-party notices; then `npm pack` turns it into dist/cli/shipshape-VERSION.tgz.
// The root package.json stays the VS Code extension's manifest (vsce packages it).
//
//   node scripts/pack-cli.mjs [--out DIR]     prints the tarball's path on its last line
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';

const outArg = process.argv.indexOf('--out');
const out = resolve(outArg > 0 ? process.argv[outArg + 1] : 'dist/cli');
const root = JSON.parse(readFileSync('package.json', 'utf8'));

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
// The CLI bundle of scripts/build.mjs, minified, straight into the package folder (server/out is left alone:
// tests may be running from it).
execFileSync(process.execPath, ['scripts/build.mjs', '--minify', '--cli-out', join(out, 'cli.js')], {
  stdio: 'inherit',
});

const pkg = {
  name: 'shipshape',
  version: root.version,
  description:
    'Lints Dockerfiles, Docker Compose files and Kubernetes manifests, offline: the command-line linter of the Shipshape VS Code extension.',
  license: root.license,
  keywords: ['docker', 'dockerfile', 'compose', 'kubernetes', 'k8s', 'lint', 'hadolint', 'sarif', 'ci'],
  repository: root.repository,
  homepage: root.homepage,
  bugs: root.bugs,
  bin: { shipshape: 'cli.js' },
  files: ['cli.js', 'cli.js.LEGAL.txt', 'README.md', 'LICENSE', 'THIRD_PARTY_NOTICES.txt'],
  engines: { node: root.engines.node },
};
writeFileSync(join(out, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
copyFileSync('LICENSE', join(out, 'LICENSE'));
copyFileSync('docs/cli-package.md', join(out, 'README.md'));
if (!existsSync('THIRD_PARTY_NOTICES.txt'))
  execFileSync(process.execPath, ['scripts/notices.mjs'], { stdio: ['ignore', 'ignore', 'inherit'] });
copyFileSync('THIRD_PARTY_NOTICES.txt', join(out, 'THIRD_PARTY_NOTICES.txt'));
// esbuild writes the bundle's legal comments beside it only when there are any.
if (!readdirSync(out).includes('cli.js.LEGAL.txt'))
  pkg.files = pkg.files.filter((f) => f !== 'cli.js.LEGAL.txt');
writeFileSync(join(out, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const name = execFileSync(npm, ['pack', '--silent', '--pack-destination', out], {
  cwd: out,
  encoding: 'utf8',
})
  .trim()
  .split('\n')
  .pop();
console.log(join(out, name));
