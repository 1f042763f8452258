// One command for a newcomer: install, build, package the extension, and lint the examples so that
// findings show straight away. Uses only Node's own modules, so it runs before `npm ci`.
import { spawnSync } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
function run(cmd, args) {
  console.log(`\n$ ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  return r.status ?? 1;
}
for (const [cmd, args] of [
  [npm, ['ci', '--no-audit', '--no-fund']],
  [npm, ['run', 'build']],
  [npm, ['run', 'package']],
]) {
  const code = run(cmd, args);
  if (code !== 0) process.exit(code);
}
const code = run(process.execPath, ['server/out/cli.js', 'lint', 'examples/']);
console.log(
  `\nThe findings above come from examples/. Install the extension with:\n  code --install-extension shipshape-0.1.0.vsix`,
);
process.exit(code >= 2 ? code : 0);
