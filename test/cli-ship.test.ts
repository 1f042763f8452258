import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';

/**
 * Shipping the CLI: the npm package made by `npm run pack:cli` installs into an empty folder without the
 * network and runs from anywhere; the GitHub Action's steps and the pre-commit hook run what they say.
 * Nothing here goes online: npm runs with --offline (`npm_config_offline`), installing the local tarball.
 */
const ROOT = process.cwd();
const OFFLINE = {
  ...process.env,
  npm_config_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
};
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function sh(
  cmd: string,
  args: string[],
  opts: SpawnSyncOptions = {},
): { code: number; out: string; err: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: OFFLINE, ...opts });
  return { code: r.status ?? -1, out: String(r.stdout), err: String(r.stderr) };
}

const BROKEN = 'FROM ubuntu:24.04 AS base\nCOPY --from=7 /a /b\nUSER 1000\nCMD ["true"]\n';
const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n';

let tmp: string;
let tarball: string;
/** The folder the tarball was installed into, with node_modules/.bin/shipshape. */
let app: string;
/** A project outside the repository. */
let sample: string;

before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'shipshape-ship-'));
  const packed = sh(process.execPath, ['scripts/pack-cli.mjs', '--out', join(tmp, 'pkg')], { cwd: ROOT });
  assert.equal(packed.code, 0, packed.err);
  tarball = packed.out.trim().split('\n').pop() as string;
  app = join(tmp, 'app');
  mkdirSync(app);
  const installed = sh(npm, ['install', '--no-package-lock', tarball], { cwd: app });
  assert.equal(installed.code, 0, installed.err);
  sample = join(tmp, 'sample');
  mkdirSync(join(sample, 'api'), { recursive: true });
  writeFileSync(join(sample, 'api', 'Dockerfile'), BROKEN);
  writeFileSync(join(sample, 'compose.yaml'), COMPOSE);
  writeFileSync(join(sample, '.dockerignore'), '.git\n');
  writeFileSync(join(sample, 'api', '.dockerignore'), '.git\n');
});
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('the npm package', () => {
  it('is one bundle with no dependencies to install', () => {
    const listed = sh('tar', ['tzf', tarball]).out.trim().split('\n').sort();
    assert.deepEqual(
      listed.filter((f) => !f.endsWith('.LEGAL.txt')),
      [
        'package/LICENSE',
        'package/README.md',
        'package/THIRD_PARTY_NOTICES.txt',
        'package/cli.js',
        'package/package.json',
      ],
    );
    const pkg = JSON.parse(
      readFileSync(join(app, 'node_modules', 'shipshape', 'package.json'), 'utf8'),
    ) as Record<string, unknown>;
    const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(pkg.name, 'shipshape');
    assert.equal(pkg.version, root.version);
    assert.deepEqual(pkg.bin, { shipshape: 'cli.js' });
    assert.equal(pkg.dependencies, undefined);
    assert.equal(pkg.private, undefined);
  });

  it('npx shipshape lint works on a project outside the repository', () => {
    const r = sh(npm, ['exec', '--offline', '--', 'shipshape', 'lint', '--format', 'json', '../sample'], {
      cwd: app,
    });
    assert.equal(r.code, 1, r.err);
    const findings = JSON.parse(r.out) as { file: string; ruleId: string; severity: string }[];
    assert.deepEqual(
      findings.filter((f) => f.severity === 'error').map((f) => `${f.file} ${f.ruleId}`),
      [`${join('..', 'sample', 'api', 'Dockerfile')} dockerfile/copy-from-undefined-stage`],
    );
    const npx = sh('npx', ['--offline', 'shipshape', '--version'], { cwd: app });
    assert.equal(
      npx.out.trim(),
      (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    );
  });

  it('runs from any folder, and its worker threads give the same report', () => {
    const bin = join(app, 'node_modules', '.bin', 'shipshape');
    const one = sh(bin, ['lint', '--jobs', '1', '.'], { cwd: sample });
    const two = sh(bin, ['lint', '--jobs', '2', '.'], { cwd: sample });
    assert.equal(one.code, 1, one.err);
    assert.match(one.out, /^api\/Dockerfile:2:13: error dockerfile\/copy-from-undefined-stage /m);
    assert.equal(two.out, one.out);
    assert.equal(two.code, one.code);
  });
});

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  shell?: string;
  env?: Record<string, string>;
  run?: string;
}

describe('the GitHub Action (action.yml)', () => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default: string }>;
    runs: { using: string; steps: Step[] };
  };
  const steps = action.runs.steps;
  /** `${{ inputs.x }}` and `${{ steps.lint.outputs.x }}` as the runner would fill them in. */
  const expand = (s: string, inputs: Record<string, string>, outputs: Record<string, string> = {}) =>
    s
      .replace(/\$\{\{ inputs\.([\w-]+) \}\}/g, (_, k: string) => inputs[k] ?? '')
      .replace(/\$\{\{ steps\.lint\.outputs\.([\w-]+) \}\}/g, (_, k: string) => outputs[k] ?? '');

  it('is a composite action: set up node, lint, upload SARIF, then fail on findings', () => {
    assert.equal(action.runs.using, 'composite');
    assert.deepEqual(
      steps.map((s) => s.uses ?? s.id ?? 'run'),
      ['actions/setup-node@v4', 'lint', 'github/codeql-action/upload-sarif@v3', 'run'],
    );
    assert.equal(steps[2]?.with?.sarif_file, '${{ steps.lint.outputs.sarif-file }}');
    assert.match(steps[2]?.if ?? '', /always\(\)/);
    assert.match(steps[3]?.if ?? '', /steps\.lint\.outputs\.exit-code == '1'/);
  });

  it('its lint step writes SARIF and annotations and records the exit code; findings fail the last step', () => {
    const inputs = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, String(v.default)]));
    // The package input set to the local tarball (what a user does to pin a build), paths on two lines.
    Object.assign(inputs, { package: tarball, paths: 'api\ncompose.yaml', args: '--max-warnings 50' });
    const runner = join(tmp, 'runner');
    mkdirSync(runner, { recursive: true });
    const outputFile = join(runner, 'github-output');
    writeFileSync(outputFile, '');
    const lint = steps.find((s) => s.id === 'lint') as Step;
    const env = {
      ...OFFLINE,
      RUNNER_TEMP: runner,
      GITHUB_OUTPUT: outputFile,
      ...Object.fromEntries(Object.entries(lint.env ?? {}).map(([k, v]) => [k, expand(v, inputs)])),
    };
    // How the runner starts a `shell: bash` step.
    const script = join(runner, 'lint.sh');
    writeFileSync(script, expand(lint.run ?? '', inputs));
    const r = sh('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: sample, env });
    assert.equal(r.code, 0, r.err);
    const outputs = Object.fromEntries(
      readFileSync(outputFile, 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split('=') as [string, string]),
    );
    assert.deepEqual(outputs, { 'sarif-file': 'shipshape.sarif', 'exit-code': '1' });
    const sarif = JSON.parse(readFileSync(join(sample, 'shipshape.sarif'), 'utf8')) as {
      version: string;
      runs: {
        results: {
          ruleId: string;
          level: string;
          locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
        }[];
      }[];
    };
    assert.equal(sarif.version, '2.1.0');
    const errors = sarif.runs[0]?.results.filter((x) => x.level === 'error') ?? [];
    assert.deepEqual(
      errors.map((x) => `${x.locations[0]?.physicalLocation.artifactLocation.uri} ${x.ruleId}`),
      ['api/Dockerfile dockerfile/copy-from-undefined-stage'],
    );
    assert.match(
      r.out,
      /^::error file=api\/Dockerfile,line=2,col=13,endLine=2,endColumn=\d+,title=dockerfile\/copy-from-undefined-stage::/m,
    );

    const fail = steps[3] as Step;
    const last = sh('bash', [
      '--noprofile',
      '--norc',
      '-eo',
      'pipefail',
      '-c',
      expand(fail.run ?? '', inputs, outputs),
    ]);
    assert.equal(last.code, 1);
    assert.match(last.out, /^::error /);
  });
});

describe('the pre-commit hook (.pre-commit-hooks.yaml)', () => {
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as {
    id: string;
    entry: string;
    language: string;
    files: string;
    exclude: string;
  }[];
  const hook = hooks.find((h) => h.id === 'shipshape');
  /** pre-commit matches with Python's re.search; `(?i)` up front is its case-insensitive flag. */
  const regex = (p: string) => (p.startsWith('(?i)') ? new RegExp(p.slice(4), 'i') : new RegExp(p));

  it('passes Dockerfiles, Containerfiles and YAML files to `shipshape lint`', () => {
    assert.ok(hook);
    assert.equal(hook.entry, 'shipshape lint');
    assert.equal(hook.language, 'node');
    const staged = [
      'api/Dockerfile',
      'Dockerfile.prod',
      'build/web.dockerfile',
      'Containerfile',
      'compose.yaml',
      'k8s/deploy.yml',
      'README.md',
      'src/app.py',
      'package.json',
      'node_modules/x/Dockerfile',
      'docs/dockerfile-guide.md',
    ];
    const passed = staged.filter((f) => regex(hook.files).test(f) && !regex(hook.exclude).test(f));
    assert.deepEqual(passed, [
      'api/Dockerfile',
      'Dockerfile.prod',
      'build/web.dockerfile',
      'Containerfile',
      'compose.yaml',
      'k8s/deploy.yml',
    ]);
  });

  it('runs the entry on the files of a commit, failing on an error', () => {
    assert.ok(hook);
    const [cmd, ...args] = hook.entry.split(' ') as [string, ...string[]];
    const env = {
      ...OFFLINE,
      PATH: `${join(app, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}`,
    };
    const bad = sh(cmd, [...args, 'api/Dockerfile', 'compose.yaml'], { cwd: sample, env });
    assert.equal(bad.code, 1, bad.err);
    assert.match(bad.out, /^api\/Dockerfile:2:13: error /m);
    const good = sh(cmd, [...args, 'compose.yaml'], { cwd: sample, env });
    assert.equal(good.code, 0, good.err);
  });

  it('is installable the way pre-commit installs node hooks: `npm pack` of this repository holds the CLI', () => {
    const r = sh(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT });
    assert.equal(r.code, 0, r.err);
    const [packed] = JSON.parse(r.out) as { name: string; files: { path: string }[] }[];
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
      scripts: Record<string, string>;
    };
    assert.equal(packed?.name, 'shipshape');
    assert.deepEqual(
      packed?.files.map((f) => f.path).sort(),
      ['LICENSE', 'README.md', 'package.json', pkg.bin.shipshape].sort(),
    );
    assert.match(pkg.scripts.prepack ?? '', /scripts\/build\.mjs/);
  });
});
