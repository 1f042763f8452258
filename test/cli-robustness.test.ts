import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs, { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, mock } from 'node:test';
import { main } from '../server/src/cli';
import type { Finding } from '../server/src/core/rule';
import { Engine } from '../server/src/engine';

/**
 * The CLI under failure: one file's internal error must not hide the other files' findings, a closed
 * pipe ends the run quietly, and --fix never rewrites bytes it could not decode.
 */
const CLI = join(process.cwd(), 'server/out/cli.js');

/** Runs `main` in this process (so the engine can be made to fail), capturing what it writes. */
function runInProcess(args: string[], cwd: string): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const before = process.cwd();
  process.chdir(cwd);
  const o = mock.method(process.stdout, 'write', (chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const e = mock.method(process.stderr, 'write', (chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  try {
    return { code: main(args), out, err };
  } finally {
    o.mock.restore();
    e.mock.restore();
    process.chdir(before);
  }
}

function runBundle(args: string[], cwd: string, input?: Buffer): ReturnType<typeof spawnSync> {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, input });
}

const ROOTLESS = 'FROM python:3.12-slim\nCMD ["python", "app.py"]\n';
/** An error finding: the file has a syntax error that `docker build` rejects. */
const BROKEN = 'FROM python:3.12-slim\nFROM\n';

describe('CLI robustness', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-cli-robust-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a file whose analysis throws is reported on stderr and the other files are still linted', () => {
    const d = join(dir, 'isolation');
    mkdirSync(d);
    writeFileSync(join(d, 'a.Dockerfile'), ROOTLESS);
    writeFileSync(join(d, 'boom.Dockerfile'), ROOTLESS);
    writeFileSync(join(d, 'c.Dockerfile'), BROKEN);
    const original = Engine.prototype.analyze;
    const m = mock.method(
      Engine.prototype,
      'analyze',
      function (this: Engine, ...a: Parameters<Engine['analyze']>) {
        if (a[0].name.endsWith('boom.Dockerfile')) throw new TypeError('injected parser failure');
        return original.apply(this, a);
      },
    );
    try {
      const r = runInProcess(['lint', '--format', 'json', '.'], d);
      const files = new Set((JSON.parse(r.out) as { file: string }[]).map((f) => f.file));
      assert.deepEqual([...files].sort(), ['a.Dockerfile', 'c.Dockerfile']);
      assert.match(
        r.err,
        /boom\.Dockerfile: internal error, file skipped: TypeError: injected parser failure/,
      );
      // c.Dockerfile has an error finding: the exit code is the findings' (1), never 2.
      assert.equal(r.code, 1);
    } finally {
      m.mock.restore();
    }
  });

  it('an internal error alone leaves the exit code to the findings (0 here), in text format too', () => {
    const d = join(dir, 'alone');
    mkdirSync(d);
    writeFileSync(join(d, 'boom.Dockerfile'), ROOTLESS);
    writeFileSync(join(d, 'ok.Dockerfile'), ROOTLESS);
    const original = Engine.prototype.analyze;
    const m = mock.method(
      Engine.prototype,
      'analyze',
      function (this: Engine, ...a: Parameters<Engine['analyze']>) {
        const result = original.apply(this, a);
        if (!a[0].name.endsWith('boom.Dockerfile') || !result) return result;
        // A fix builder that escapes containment: asking for the fix throws.
        const broken: Finding[] = result.findings.map((f) => ({
          ...f,
          fixable: true,
          fixes: () => {
            throw new RangeError('injected fix builder failure');
          },
        }));
        return { ...result, findings: broken };
      },
    );
    try {
      const r = runInProcess(['lint', '.'], d);
      assert.match(
        r.err,
        /boom\.Dockerfile: internal error, file skipped: RangeError: injected fix builder failure/,
      );
      assert.match(r.out, /^ok\.Dockerfile:1:6: warning dockerfile\/no-root-user /m);
      assert.doesNotMatch(r.out, /boom\.Dockerfile/);
      assert.equal(r.code, 0);
    } finally {
      m.mock.restore();
    }
  });

  it('an unreadable file is reported, the others are linted, and the exit code is 2 (the contract)', () => {
    const d = join(dir, 'unreadable');
    mkdirSync(d);
    writeFileSync(join(d, 'a.Dockerfile'), ROOTLESS);
    writeFileSync(join(d, 'locked.Dockerfile'), ROOTLESS);
    const original = fs.readFileSync;
    const m = mock.method(fs, 'readFileSync', (...a: Parameters<typeof fs.readFileSync>) => {
      if (String(a[0]).endsWith('locked.Dockerfile'))
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      return original(...a);
    });
    try {
      const r = runInProcess(['lint', '--format', 'json', '.'], d);
      assert.deepEqual(
        [...new Set((JSON.parse(r.out) as { file: string }[]).map((f) => f.file))],
        ['a.Dockerfile'],
      );
      assert.match(r.err, /locked\.Dockerfile: cannot be read/);
      assert.equal(r.code, 2);
    } finally {
      m.mock.restore();
    }
  });

  it('exits quietly when standard output is closed early (| head)', () => {
    const d = join(dir, 'pipe');
    mkdirSync(d);
    // About 2 MB of JSON findings: far more than a pipe buffers, so writes go on after head has exited.
    for (let i = 0; i < 200; i++)
      writeFileSync(
        join(d, `${i}.Dockerfile`),
        'FROM node:latest\n' + 'RUN cd /x && apt-get install curl\n'.repeat(20),
      );
    const r = spawnSync(
      'bash',
      [
        '-c',
        `node "${CLI}" lint --format json . | head -c 100 >/dev/null; echo "cli exit $\{PIPESTATUS[0]}" >&2`,
      ],
      {
        cwd: d,
        encoding: 'utf8',
      },
    );
    assert.equal(r.stderr, 'cli exit 0\n');
  });

  describe('--fix and encodings', () => {
    const cases: { name: string; bytes: Buffer; written: Buffer | 'unchanged'; stderr: RegExp | null }[] = [
      {
        name: 'ISO-8859-1 bytes: not valid UTF-8, so the file is left as it was and the reason is printed',
        bytes: Buffer.from('# Caf\xe9 \xa9 2024\nFROM python:3.12-slim\nCMD python app.py\n', 'latin1'),
        written: 'unchanged',
        stderr: /Dockerfile: not valid UTF-8, not fixed/,
      },
      {
        name: 'UTF-8 with a byte-order mark and CRLF: both are kept',
        bytes: Buffer.from('\uFEFF# Café\r\nFROM python:3.12-slim\r\nCMD python app.py\r\n', 'utf8'),
        written: Buffer.from('\uFEFF# Café\r\nFROM python:3.12-slim\r\nCMD ["python", "app.py"]\r\n', 'utf8'),
        stderr: null,
      },
      {
        name: 'UTF-8 with CR line endings: kept',
        bytes: Buffer.from('FROM python:3.12-slim\rCMD python app.py\r', 'utf8'),
        written: Buffer.from('FROM python:3.12-slim\rCMD ["python", "app.py"]\r', 'utf8'),
        stderr: null,
      },
    ];
    for (const c of cases)
      it(c.name, () => {
        const d = mkdtempSync(join(dir, 'enc-'));
        const file = join(d, 'Dockerfile');
        writeFileSync(file, c.bytes);
        const r = runBundle(['lint', '--fix', 'Dockerfile'], d);
        assert.notEqual(r.status, 2, String(r.stderr));
        assert.deepEqual(readFileSync(file), c.written === 'unchanged' ? c.bytes : c.written);
        if (c.stderr) assert.match(String(r.stderr), c.stderr);
        else assert.doesNotMatch(String(r.stderr), /UTF-8|internal error/);
        // Findings are still reported for the file that was not fixed.
        if (c.written === 'unchanged') assert.match(String(r.stdout), /dockerfile\/json-args/);
      });

    it('stdin that is not valid UTF-8 is written back byte for byte', () => {
      const bytes = Buffer.from('# \xe9t\xe9\nFROM python:3.12-slim\nCMD python app.py\n', 'latin1');
      const r = runBundle(['lint', '--fix', '-'], dir, bytes);
      assert.equal(r.status, 0);
      assert.deepEqual(r.stdout, bytes);
      assert.match(String(r.stderr), /not valid UTF-8, written back unchanged/);
    });
  });
});
