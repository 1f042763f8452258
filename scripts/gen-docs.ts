// Writes docs/rules/<language>/<name>.md for every rule and the rule table in README.md between the
// `rules:start` and `rules:end` markers. With --check, fails when a file would change.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { rules } from '../server/src/rules';

const check = process.argv.includes('--check');
const stale: string[] = [];

function write(path: string, text: string): void {
  const old = existsSync(path) ? readFileSync(path, 'utf8') : null;
  if (old === text) return;
  if (check) {
    stale.push(path);
    return;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

function fence(code: string): string {
  return '```dockerfile\n' + code.replace(/\n?$/, '\n') + '```';
}

for (const r of rules) {
  const lines = [
    `# ${r.id}`,
    '',
    r.docs.summary,
    '',
    `- Language: ${r.language}`,
    `- Default severity: ${r.severity}${r.recommended ? ' (recommended)' : ''}`,
    `- Fix: ${r.fix === null ? 'none' : r.fix === 'safe' ? 'safe (keeps behaviour; applied by fix-all and `--fix`)' : 'unsafe (changes behaviour; offered as a quick fix only)'}`,
    `- Same check elsewhere: ${r.aliases.length ? r.aliases.map((a) => '`' + a + '`').join(', ') : 'none known'}`,
    '',
    '## Why',
    '',
    r.docs.rationale,
    '',
    '## Reported',
    '',
    fence(r.docs.bad),
    '',
    '## Not reported',
    '',
    fence(r.docs.good),
    '',
    '## Silencing it',
    '',
    `\`# shipshape-ignore ${r.id} -- reason\` on the line before the instruction, or \`rules: { ${r.id}: off }\` in \`.shipshape.yaml\`.`,
    '',
  ];
  write(join('docs/rules', `${r.id}.md`), lines.join('\n'));
}

const table = [
  '| Rule | Severity | Fix | Also known as | Summary |',
  '| --- | --- | --- | --- | --- |',
  ...rules.map(
    (r) =>
      `| [${r.id}](docs/rules/${r.id}.md) | ${r.severity} | ${r.fix ?? '—'} | ${r.aliases.join(', ') || '—'} | ${r.docs.summary} |`,
  ),
].join('\n');
const readme = readFileSync('README.md', 'utf8');
const re = /(<!-- rules:start -->\n)[\s\S]*?(<!-- rules:end -->)/;
if (re.test(readme)) write('README.md', readme.replace(re, `$1${table}\n$2`));
else if (check) stale.push('README.md (no rules:start marker)');

if (stale.length) {
  console.error(`Out of date (run npm run docs): ${stale.join(', ')}`);
  process.exit(1);
}
