// Writes THIRD_PARTY_NOTICES.txt: the licence text of every production dependency, since the bundles
// embed their code and their licences (MIT, ISC, BSD) ask for the notice to travel with it.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const out = execFileSync(npm, ['ls', '--omit=dev', '--all', '--parseable'], { encoding: 'utf8' });
const dirs = [...new Set(out.split('\n').filter((d) => d.includes('node_modules')))].sort();
const parts = ['Shipshape bundles the following packages. Their licences follow.', ''];
for (const dir of dirs) {
  const pkgFile = join(dir, 'package.json');
  if (!existsSync(pkgFile)) continue;
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
  const licenceFile = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
  const text = licenceFile
    ? readFileSync(join(dir, licenceFile), 'utf8').trim()
    : `License: ${pkg.license ?? 'unknown'}`;
  parts.push(
    '='.repeat(78),
    `${pkg.name}@${pkg.version} (${pkg.license ?? 'unknown'})`,
    '='.repeat(78),
    text,
    '',
  );
}
writeFileSync('THIRD_PARTY_NOTICES.txt', parts.join('\n'));
console.log(`THIRD_PARTY_NOTICES.txt: ${dirs.length} packages`);
