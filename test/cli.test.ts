import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

/** The CLI contract from DESIGN.md, checked against the built bundle. */
const CLI = join(process.cwd(), 'server/out/cli.js');

function run(
  args: string[],
  opts: { cwd?: string; input?: string } = {},
): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd,
    input: opts.input,
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

const DJANGO = readFileSync('test/golden/dockerfile/seed003-django-single-stage/Dockerfile', 'utf8');

describe('shipshape CLI', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lint --format json prints the documented fields with 1-based positions', () => {
    writeFileSync(join(dir, 'Dockerfile'), 'FROM python:3.12-slim\nCMD python app.py\n');
    const r = run(['lint', '--format', 'json', 'Dockerfile'], { cwd: dir });
    assert.equal(r.code, 0, r.err);
    const findings = JSON.parse(r.out) as Record<string, unknown>[];
    const cmd = findings.find((f) => f.ruleId === 'dockerfile/json-args');
    assert.deepEqual(cmd, {
      file: 'Dockerfile',
      ruleId: 'dockerfile/json-args',
      severity: 'warning',
      message: cmd?.message,
      line: 2,
      column: 5,
      endLine: 2,
      endColumn: 18,
      fixable: true,
      aliases: ['hadolint:DL3025', 'buildkit:JSONArgsRecommended'],
    });
    for (const f of findings)
      assert.deepEqual(Object.keys(f).sort(), [
        'aliases',
        'column',
        'endColumn',
        'endLine',
        'file',
        'fixable',
        'line',
        'message',
        'ruleId',
        'severity',
      ]);
  });

  it('exits 1 when a finding is an error, 2 on bad usage or unreadable input', () => {
    writeFileSync(join(dir, 'Broken.dockerfile'), 'FROM alpine:3.20\nCOPPY . .\n');
    assert.equal(run(['lint', 'Broken.dockerfile'], { cwd: dir }).code, 1);
    assert.equal(run(['lint', 'missing-file'], { cwd: dir }).code, 2);
    assert.equal(run(['lint', '--format', 'xml', 'Dockerfile'], { cwd: dir }).code, 2);
    assert.equal(run(['lint', '--bogus', 'Dockerfile'], { cwd: dir }).code, 2);
    assert.equal(run(['lint'], { cwd: dir }).code, 2);
    assert.equal(run(['frobnicate'], { cwd: dir }).code, 2);
  });

  it('walks directories, skipping node_modules, and reads stdin with --stdin-filename', () => {
    const tree = join(dir, 'tree');
    mkdirSync(join(tree, 'svc'), { recursive: true });
    mkdirSync(join(tree, 'node_modules', 'x'), { recursive: true });
    writeFileSync(join(tree, 'svc', 'Dockerfile.prod'), 'FROM node\n');
    writeFileSync(join(tree, 'node_modules', 'x', 'Dockerfile'), 'FROM node\n');
    const r = run(['lint', '--format', 'json', 'tree'], { cwd: dir });
    const files = new Set((JSON.parse(r.out) as { file: string }[]).map((f) => f.file));
    assert.deepEqual([...files], [join('tree', 'svc', 'Dockerfile.prod')]);
    const s = run(['lint', '--format', 'json', '--stdin-filename', 'Containerfile', '-'], {
      cwd: dir,
      input: 'FROM node:latest\n',
    });
    assert.ok(
      (JSON.parse(s.out) as { ruleId: string; file: string }[]).some(
        (f) => f.ruleId === 'dockerfile/no-latest-tag' && f.file === 'Containerfile',
      ),
    );
  });

  it('--fix applies the safe fixes so those findings disappear on re-lint', () => {
    const app = join(dir, 'django');
    mkdirSync(app);
    writeFileSync(join(app, 'Dockerfile'), DJANGO);
    // Every rule, hardening advice included (dockerfile/missing-healthcheck is not in `recommended`).
    writeFileSync(join(app, '.shipshape.yaml'), 'preset: strict\n');
    const before = JSON.parse(run(['lint', '--format', 'json', 'Dockerfile'], { cwd: app }).out) as {
      ruleId: string;
      fixable: boolean;
    }[];
    const ids = new Set(before.map((f) => f.ruleId));
    for (const id of [
      'dockerfile/no-root-user',
      'dockerfile/toolchain-in-final-stage',
      'dockerfile/json-args',
      'dockerfile/missing-healthcheck',
    ])
      assert.ok(ids.has(id), id);
    const fixed = run(['lint', '--fix', '--format', 'json', 'Dockerfile'], { cwd: app });
    assert.ok(fixed.code === 0 || fixed.code === 1, fixed.err);
    const after = JSON.parse(fixed.out) as { ruleId: string }[];
    const left = new Set(after.map((f) => f.ruleId));
    assert.ok(!left.has('dockerfile/json-args'), 'shell-form CMD fixed');
    assert.ok(existsSync(join(app, '.dockerignore')), '.dockerignore created');
    assert.ok(!left.has('dockerfile/dockerignore-missing'));
    assert.match(readFileSync(join(app, 'Dockerfile'), 'utf8'), /CMD \["gunicorn"/);
    // Unsafe fixes are never applied by --fix.
    assert.ok(left.has('dockerfile/no-root-user'));
  });

  it('--fix on stdin writes the fixed text', () => {
    const r = run(['lint', '--fix', '-'], { input: 'FROM alpine:3.20\nCMD app --port 80\n' });
    assert.equal(r.out, 'FROM alpine:3.20\nCMD ["app", "--port", "80"]\n');
  });

  it('SARIF output is version 2.1.0 with rule metadata', () => {
    const r = run(['lint', '--format', 'sarif', 'Dockerfile'], { cwd: dir });
    const sarif = JSON.parse(r.out) as {
      version: string;
      runs: { tool: { driver: { rules: unknown[] } }; results: unknown[] }[];
    };
    assert.equal(sarif.version, '2.1.0');
    assert.ok((sarif.runs[0]?.tool.driver.rules.length ?? 0) > 10);
    assert.ok((sarif.runs[0]?.results.length ?? 0) > 0);
  });

  it('rules --format json lists the catalog with the documented fields', () => {
    const r = run(['rules', '--format', 'json']);
    assert.equal(r.code, 0);
    const rules = JSON.parse(r.out) as Record<string, unknown>[];
    for (const rule of rules) {
      assert.deepEqual(Object.keys(rule).sort(), [
        'aliases',
        'docsUrl',
        'fix',
        'id',
        'language',
        'recommended',
        'severity',
        'summary',
      ]);
      assert.ok(rule.fix === 'safe' || rule.fix === 'unsafe' || rule.fix === null);
    }
    assert.ok(rules.some((x) => (x.aliases as string[]).includes('hadolint:DL3002')));
  });

  it('survives binary files, BOMs, CRLF and a YAML alias bomb in config', () => {
    writeFileSync(join(dir, 'bin.Dockerfile'), Buffer.from([0, 1, 2, 3, 255, 0, 10]));
    assert.equal(run(['lint', 'bin.Dockerfile'], { cwd: dir }).code, 0);
    writeFileSync(join(dir, 'crlf.Dockerfile'), '\uFEFFFROM alpine:3.20\r\nCMD app\r\n');
    const r = run(['lint', '--format', 'json', 'crlf.Dockerfile'], { cwd: dir });
    assert.equal(r.code, 0, r.err);
    const bomb = join(dir, 'bomb');
    mkdirSync(bomb);
    writeFileSync(
      join(bomb, '.shipshape.yaml'),
      'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n',
    );
    writeFileSync(join(bomb, 'Dockerfile'), 'FROM alpine:3.20\n');
    const b = run(['lint', 'Dockerfile'], { cwd: bomb });
    assert.ok(b.code === 0, b.err);
    assert.match(b.err, /shipshape\.yaml/);
  });

  it('honours .shipshape.yaml severities and hadolint suppressions', () => {
    const cfg = join(dir, 'cfg');
    mkdirSync(cfg);
    writeFileSync(join(cfg, '.shipshape.yaml'), 'rules:\n  dockerfile/no-latest-tag: error\n');
    writeFileSync(
      join(cfg, 'Dockerfile'),
      'FROM node:latest\n# hadolint ignore=DL3025\nCMD node server.js\n',
    );
    const r = run(['lint', '--format', 'json', 'Dockerfile'], { cwd: cfg });
    assert.equal(r.code, 1);
    const f = JSON.parse(r.out) as { ruleId: string; severity: string }[];
    assert.equal(f.find((x) => x.ruleId === 'dockerfile/no-latest-tag')?.severity, 'error');
    assert.ok(!f.some((x) => x.ruleId === 'dockerfile/json-args'), 'suppressed through its hadolint alias');
  });
});
