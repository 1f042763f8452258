import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Progress, progressLine } from '../server/src/cli/progress';
import { markCache as markCacheFile } from './helpers/cache-file';
import { writeProjectTree } from './helpers/project-tree';

/**
 * Monorepo scale: the worker pool gives the single-thread report byte for byte, and `--cache` serves
 * unchanged files from the cache while a change to the file, its configuration or a sibling a check read
 * lints it again.
 */
const CLI = join(process.cwd(), 'server/out/cli.js');

function run(args: string[], cwd: string): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe('lint on worker threads', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-pool-'));
    writeProjectTree(dir, 300);
    mkdirSync(join(dir, '.git'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the same report, in the same order, on 1 and on 3 threads', () => {
    for (const format of ['json', 'text']) {
      const one = run(['lint', '--jobs', '1', '--format', format, '.'], dir);
      const three = run(['lint', '--jobs', '3', '--format', format, '.'], dir);
      assert.equal(one.code, three.code);
      assert.equal(one.err, three.err);
      assert.equal(three.out, one.out, `--format ${format}`);
    }
    const findings = JSON.parse(run(['lint', '--jobs', '3', '--format', 'json', '.'], dir).out) as {
      file: string;
    }[];
    // The generated tree has findings in each kind of file, and none from node_modules or ignored paths.
    for (const kind of ['Dockerfile', 'docker-compose.yml', 'deployment.yaml'])
      assert.ok(
        findings.some((f) => f.file.endsWith(kind)),
        kind,
      );
    assert.ok(findings.every((f) => f.file.startsWith('services/') && !f.file.includes('generated')));
  });
});

describe('--cache', () => {
  let dir: string;
  const lint = (...extra: string[]) => run(['lint', '--cache', ...extra, '.'], dir);
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-cache-'));
    writeFileSync(
      join(dir, 'Dockerfile'),
      'FROM python:3.12-slim\nCOPY . .\nUSER 1000\nCMD ["python", "a.py"]\n',
    );
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: "nginx:${TAG}"\n');
    writeFileSync(join(dir, '.env'), 'TAG=latest\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const markCache = () => markCacheFile(join(dir, '.shipshape-cache'));
  const cached = (out: string, rule: string) =>
    out
      .split('\n')
      .filter((l) => l.includes(` ${rule} `))
      .every((l) => l.includes(`${rule} CACHED `));

  it('serves unchanged files from the cache, with the report of a fresh run', () => {
    const fresh = run(['lint', '.'], dir);
    const first = lint();
    assert.equal(first.out, fresh.out);
    assert.ok(existsSync(join(dir, '.shipshape-cache')));
    assert.equal(lint().out, fresh.out);
    markCache();
    const warm = lint();
    assert.ok(
      cached(warm.out, 'compose/no-latest-tag') && cached(warm.out, 'dockerfile/dockerignore-missing'),
    );
    assert.equal(warm.out.replaceAll('CACHED ', ''), fresh.out);
  });

  const invalidations: [string, () => void, string, boolean][] = [
    // what changes, the change, a rule of the file it concerns, whether that rule still reports after it
    [
      'a sibling a check read (.env)',
      () => writeFileSync(join(dir, '.env'), 'TAG=1.27\n'),
      'compose/no-latest-tag',
      false,
    ],
    [
      'a sibling a check looked for (.dockerignore)',
      () => writeFileSync(join(dir, '.dockerignore'), '.git\n'),
      'dockerfile/dockerignore-missing',
      false,
    ],
    [
      'the file itself',
      () => writeFileSync(join(dir, 'Dockerfile'), 'FROM python:latest\nUSER 1000\nCMD ["python", "a.py"]\n'),
      'dockerfile/no-latest-tag',
      true,
    ],
    [
      'its configuration',
      () => writeFileSync(join(dir, '.shipshape.yaml'), 'rules:\n  dockerfile/no-latest-tag: off\n'),
      'dockerfile/no-latest-tag',
      false,
    ],
  ];
  for (const [what, change, rule, reports] of invalidations)
    it(`lints a file again when ${what} changes`, () => {
      lint();
      markCache();
      change();
      const r = lint();
      const lines = r.out.split('\n').filter((l) => l.includes(` ${rule} `));
      assert.equal(lines.length > 0, reports, r.out);
      assert.ok(
        lines.every((l) => !l.includes('CACHED')),
        r.out,
      );
      assert.equal(r.out.replaceAll('CACHED ', ''), run(['lint', '.'], dir).out);
    });

  it('--cache-location takes a file or a folder', () => {
    const folder = join(dir, 'cache-dir');
    mkdirSync(folder);
    lint('--cache-location', 'cache-dir');
    assert.ok(existsSync(join(folder, '.shipshape-cache')));
    lint('--cache-location', 'other/');
    assert.ok(
      existsSync(join(dir, 'other', '.shipshape-cache')),
      'a folder named with a trailing slash is made',
    );
    lint('--cache-location', 'my.cache');
    assert.ok(existsSync(join(dir, 'my.cache')));
  });
});

describe('progress line', () => {
  it('draws in place on a terminal, at most ten times a second, and erases itself', () => {
    const writes: string[] = [];
    let now = 0;
    const p = new Progress({ isTTY: true, write: (s: string) => writes.push(s) }, 1000, () => now);
    p.advance(10);
    now = 50;
    p.advance(10); // too soon: not drawn
    now = 150;
    p.advance(980); // the last one is always drawn
    p.end();
    assert.deepEqual(writes, [
      `\r${progressLine(10, 1000)}\u001b[K`,
      `\r${progressLine(1000, 1000)}\u001b[K`,
      '\r\u001b[K',
    ]);
    assert.equal(progressLine(250, 1000), 'shipshape: 250/1000 files (25%)');
  });

  it('stays silent in pipes and for short runs', () => {
    const writes: string[] = [];
    new Progress({ isTTY: false, write: (s: string) => writes.push(s) }, 5000).advance(5000);
    const short = new Progress({ isTTY: true, write: (s: string) => writes.push(s) }, 10);
    short.advance(10);
    short.end();
    assert.deepEqual(writes, []);
  });
});
