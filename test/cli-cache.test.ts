import assert from 'node:assert/strict';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { RACY_MS } from '../server/src/cli/file-state';
import { lintSync } from '../server/src/cli/lint';
import { clearConfigCache } from '../server/src/workspace';
import { cacheKeys, markCache as markCacheFile } from './helpers/cache-file';
import { deployment } from './helpers/kubernetes-fixtures';

/**
 * `--cache` never hides a finding: after any change (the file, a sibling a check read, another manifest
 * of the run, a kustomization, configuration, a command-line setting, a rename, the build) the report
 * equals the report of a run without the cache. The runs say they started an hour from now, so the
 * stamps of the files just written are trusted (a warm run reads no unchanged file), as they would be
 * for files older than RACY_MS.
 */
const LATER = Date.now() + 3600_000;

/** `shipshape lint ARGS` in this process, from `cwd`, with its report and exit code. */
function lint(cwd: string, args: string[], now = LATER): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const before = process.cwd();
  process.chdir(cwd);
  // Configuration texts are kept by mtime across runs of one process; a CLI process runs once.
  clearConfigCache();
  const o = mock.method(process.stdout, 'write', (chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const e = mock.method(process.stderr, 'write', (chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  try {
    return { code: lintSync([...args, '--no-shellcheck'], { now }), out, err };
  } finally {
    o.mock.restore();
    e.mock.restore();
    process.chdir(before);
  }
}

const DEPLOYMENT = deployment('      containers:\n        - name: web\n          image: nginx:1.27\n');
const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
`;

const TREE: Record<string, string> = {
  Dockerfile: 'FROM python:3.12-slim\nCOPY . .\nUSER 1000\nCMD ["python", "a.py"]\n',
  'compose.yaml':
    'services:\n  web:\n    image: "nginx:${TAG}"\n  worker:\n    extends:\n      file: base.yml\n      service: base\n',
  'base.yml': 'services:\n  base:\n    image: python:3.12-slim\n',
  '.env': 'TAG=latest\n',
  'k8s/deployment.yaml': DEPLOYMENT,
  'k8s/service.yaml': SERVICE,
};

describe('--cache gives the report of a run without it', () => {
  let dir: string;
  const write = (rel: string, text: string) => writeFileSync(join(dir, rel), text);
  const read = (rel: string) => readFileSync(join(dir, rel), 'utf8');
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-cache-'));
    mkdirSync(join(dir, 'k8s'));
    for (const [rel, text] of Object.entries(TREE)) write(rel, text);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const markCache = () => markCacheFile(join(dir, '.shipshape-cache'));
  const unmarked = (out: string) => out.replaceAll('CACHED ', '');

  /** Lints with the cache warm and marked, applies the change, and compares with a run without the cache. */
  function afterChange(change: () => void, args: string[] = ['.'], before = args): string {
    lint(dir, ['--cache', ...before]);
    lint(dir, ['--cache', ...before]);
    markCache();
    change();
    const cached = lint(dir, ['--cache', ...args]);
    const fresh = lint(dir, args);
    assert.equal(unmarked(cached.out), fresh.out);
    assert.equal(cached.code, fresh.code);
    // And the run after it, from a cache it wrote itself.
    assert.equal(unmarked(lint(dir, ['--cache', ...args]).out), fresh.out);
    return cached.out;
  }

  it('serves every unchanged file from the cache, without reading it', () => {
    const fresh = lint(dir, ['.']).out;
    lint(dir, ['--cache', '.']);
    markCache();
    const warm = lint(dir, ['--cache', '.']).out;
    assert.equal(unmarked(warm), fresh);
    const lines = warm.split('\n').filter((l) => / (error|warning|info) /.test(l));
    assert.ok(lines.length > 3 && lines.every((l) => l.includes('CACHED')), warm);
  });

  const changes: [string, () => void, string?][] = [
    // what changes, the change, a rule it must make appear or go (checked through the fresh report)
    ['the file, same size', () => write('Dockerfile', read('Dockerfile').replace('3.12', '3.11'))],
    ['a sibling a check read (.env)', () => write('.env', 'TAG=1.27.1\n'), 'compose/no-latest-tag'],
    [
      'a sibling a check looked for (.dockerignore)',
      () => write('.dockerignore', '.git\n'),
      'dockerfile/dockerignore-missing',
    ],
    [
      'another manifest of the run (the labels a Service selects)',
      () => write('k8s/deployment.yaml', DEPLOYMENT.replaceAll('app: web', 'app: api')),
      'kubernetes/service-selector',
    ],
    [
      'a kustomization that makes a manifest a patch',
      () =>
        write(
          'k8s/kustomization.yaml',
          'resources:\n  - service.yaml\npatches:\n  - path: deployment.yaml\n',
        ),
    ],
    [
      'a configuration file',
      () => write('.shipshape.yaml', 'rules:\n  compose/no-latest-tag: off\n'),
      'compose/no-latest-tag',
    ],
    [
      'a Compose file no longer extending a file',
      () => write('compose.yaml', 'services:\n  web:\n    image: nginx\n'),
    ],
    ['a file deleted', () => unlinkSync(join(dir, 'Dockerfile'))],
    ['a file renamed', () => renameSync(join(dir, 'k8s', 'service.yaml'), join(dir, 'k8s', 'svc.yaml'))],
    [
      "a new file in a folder, which the Dockerfile's checks read before .dockerignore",
      () => write('Dockerfile.dockerignore', '.git\n'),
      'dockerfile/dockerignore-missing',
    ],
    [
      'a new kustomization one folder above the manifests, which makes one a patch',
      () =>
        write(
          'kustomization.yaml',
          'resources:\n  - k8s/service.yaml\npatches:\n  - path: k8s/deployment.yaml\n',
        ),
    ],
    ['a sibling a check read, deleted (.env)', () => unlinkSync(join(dir, '.env'))],
  ];
  for (const [what, change, rule] of changes)
    it(`after a change to ${what}`, () => {
      const before = lint(dir, ['.']).out;
      const out = afterChange(change);
      if (rule) assert.notEqual(out.includes(rule), before.includes(rule), `${rule} in\n${out}`);
    });

  it('after an edit that keeps the size and the modification time', () => {
    const path = join(dir, 'k8s', 'deployment.yaml');
    const { atime, mtime } = statSync(path);
    const out = afterChange(() => {
      write('k8s/deployment.yaml', DEPLOYMENT.replace('nginx:1.27', 'nginx:1.28'));
      utimesSync(path, atime, mtime);
    });
    const deployment = out.split('\n').filter((l) => l.startsWith('k8s/deployment.yaml'));
    assert.ok(deployment.length > 0 && deployment.every((l) => !l.includes('CACHED')), out);
  });

  it('after a change of a setting on the command line', () => {
    afterChange(() => undefined, ['--preset', 'strict', '.'], ['.']);
    afterChange(() => undefined, ['--language', 'compose', 'base.yml'], ['base.yml']);
    write('other.yaml', 'rules:\n  dockerfile/no-root-user: off\n');
    afterChange(() => undefined, ['--config', 'other.yaml', '.'], ['.']);
  });

  it('prints the last report only for the same files in the same format, with its exit code', () => {
    lint(dir, ['--cache', '.']);
    markCache();
    assert.ok(lint(dir, ['--cache', '.']).out.includes('CACHED'));
    const runs = [
      ['--format', 'json', '.'],
      ['k8s'],
      ['k8s', 'Dockerfile'],
      ['--max-warnings', '0', '.'],
      ['.'],
    ];
    for (const args of runs) {
      const cached = lint(dir, ['--cache', ...args]);
      const fresh = lint(dir, args);
      assert.equal(unmarked(cached.out), fresh.out, args.join(' '));
      assert.deepEqual([cached.code, cached.err], [fresh.code, fresh.err], args.join(' '));
    }
  });

  it('drops the records of files that are gone, walked or named', () => {
    const cache = join(dir, '.shipshape-cache');
    const records = () =>
      Object.keys(cacheKeys(cache).files)
        .map((f) => relative(realpathSync(dir), f))
        .sort();
    mkdirSync(join(dir, 'solo'));
    write('solo/Dockerfile', 'FROM alpine:3.20\nUSER 1000\n');
    lint(dir, ['--cache', '.']);
    lint(dir, ['--cache', 'solo/Dockerfile']);
    assert.ok(
      ['Dockerfile', '.env', 'solo/Dockerfile', 'k8s/service.yaml'].every((f) => records().includes(f)),
    );
    const kept = (...files: string[]) => records().filter((f) => files.includes(f));
    // The walk's listing of a folder says what is gone from it.
    unlinkSync(join(dir, 'Dockerfile'));
    lint(dir, ['--cache', '.']);
    assert.deepEqual(kept('Dockerfile', 'solo/Dockerfile'), ['solo/Dockerfile']);
    // A run over one folder: the other records stay while their files are there.
    unlinkSync(join(dir, '.env'));
    unlinkSync(join(dir, 'solo', 'Dockerfile'));
    lint(dir, ['--cache', 'k8s']);
    assert.deepEqual(kept('.env', 'solo/Dockerfile', 'compose.yaml', 'k8s/service.yaml'), [
      'compose.yaml',
      'k8s/service.yaml',
    ]);
    assert.equal(lint(dir, ['--cache', '.']).out, lint(dir, ['.']).out);
  });

  it('serves results whose paths and messages are not ASCII (the cache measures its lines in bytes)', () => {
    mkdirSync(join(dir, 'café'));
    write('café/Dockerfile', 'FROM python:latest\n# ünïcode\nCMD ["python", "é.py"]\n');
    lint(dir, ['--cache', '.']);
    // A run that takes everything from the cache has nothing to write.
    const cache = join(dir, '.shipshape-cache');
    const past = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    utimesSync(cache, past, past);
    assert.equal(unmarked(lint(dir, ['--cache', '.']).out), lint(dir, ['.']).out);
    assert.equal(statSync(cache).mtimeMs, past.getTime());
    markCache();
    const lines = lint(dir, ['--cache', '.'])
      .out.split('\n')
      .filter((l) => l.startsWith('café/'));
    assert.ok(lines.length > 0 && lines.every((l) => l.includes('CACHED')), lines.join('\n'));
  });

  it('starts afresh from a cache cut short', () => {
    lint(dir, ['--cache', '.']);
    const cache = join(dir, '.shipshape-cache');
    writeFileSync(cache, readFileSync(cache, 'utf8').slice(0, 2000));
    assert.equal(lint(dir, ['--cache', '.']).out, lint(dir, ['.']).out);
    assert.equal(lint(dir, ['--cache', '.']).out, lint(dir, ['.']).out);
  });

  it('after a change of the build (Shipshape version or rule set): the whole cache is dropped', () => {
    lint(dir, ['--cache', '.']);
    markCache();
    const path = join(dir, '.shipshape-cache');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/"build":"\w+"/, '"build":"another"'));
    assert.equal(lint(dir, ['--cache', '.']).out, lint(dir, ['.']).out);
  });

  it('still serves a file touched or rewritten unchanged, and keeps no stamp of a file written moments ago', () => {
    lint(dir, ['--cache', '.']);
    markCache();
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'Dockerfile'), later, later);
    write('compose.yaml', TREE['compose.yaml'] as string);
    // A run starting now: compose.yaml changed less than RACY_MS ago, so its stamp is dropped, not renewed.
    const now = Date.now();
    const out = lint(dir, ['--cache', '.'], now).out;
    for (const file of ['Dockerfile', 'compose.yaml'])
      assert.ok(
        out.split('\n').some((l) => l.startsWith(file) && l.includes('CACHED')),
        file,
      );
    // A file's record starts with its stamp, 0 when it has none.
    const records = cacheKeys(join(dir, '.shipshape-cache')).files;
    const stamps = Object.keys(records).filter((f) => records[f]?.[0] !== 0);
    assert.ok(statSync(join(dir, 'compose.yaml')).ctimeMs > now - RACY_MS);
    assert.ok(stamps.some((f) => f.endsWith('deployment.yaml')));
    assert.ok(!stamps.some((f) => f.endsWith('compose.yaml')));
  });
});
