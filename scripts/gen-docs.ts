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

function fence(code: string, language: string): string {
  // Compose files and manifests are YAML; the fence names it so that pages highlight them as such.
  const lang = language === 'dockerfile' ? 'dockerfile' : 'yaml';
  return '```' + lang + '\n' + code.replace(/\n?$/, '\n') + '```';
}

for (const r of rules) {
  const lines = [
    `# ${r.id}`,
    '',
    r.docs.summary,
    '',
    `- Language: ${r.language}`,
    `- Default severity: ${r.severity}${r.recommended ? ' (recommended)' : ''}${r.defaultOff ? '; off by default' : ''}`,
    `- Fix: ${r.fix === null ? 'none' : r.fix === 'safe' ? 'safe (keeps behaviour; applied by fix-all and `--fix`)' : 'unsafe (changes behaviour; offered as a quick fix only)'}`,
    ...(r.instructionLocal
      ? ['- Also checks ONBUILD triggers, which run in every build FROM the image']
      : []),
    `- Same check elsewhere: ${r.aliases.length ? r.aliases.map((a) => '`' + a + '`').join(', ') : 'none known'}`,
    '',
    '## Why',
    '',
    r.docs.rationale,
    '',
    '## Reported',
    '',
    fence(r.docs.bad, r.language),
    '',
    '## Not reported',
    '',
    fence(r.docs.good, r.language),
    '',
    '## Silencing it',
    '',
    `\`# shipshape-ignore ${r.id} -- reason\` on the line before the ${r.language === 'dockerfile' ? 'instruction' : 'key'}, or \`rules: { ${r.id}: off }\` in \`.shipshape.yaml\`.`,
    // Kubernetes objects carry the suppressions of kube-linter, Polaris and Checkov as annotations.
    ...(r.language === 'kubernetes' && r.aliases.some((a) => /^(kube-linter|polaris|checkov):/.test(a))
      ? [
          '',
          'In a manifest, the annotations of the tools listed above silence it in the object they annotate: ' +
            '`ignore-check.kube-linter.io/<check>: "reason"`, `polaris.fairwinds.com/<check>-exempt: "true"`, ' +
            '`checkov.io/skip1: <CKV_K8S_n>=reason`.',
        ]
      : []),
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
// A replacer function: summaries may hold `$` sequences (`${VAR}`) that a replacement string would expand.
if (re.test(readme))
  write(
    'README.md',
    readme.replace(re, (_m, start: string, end: string) => `${start}${table}\n${end}`),
  );
else if (check) stale.push('README.md (no rules:start marker)');

if (stale.length) {
  console.error(`Out of date (run npm run docs): ${stale.join(', ')}`);
  process.exit(1);
}
