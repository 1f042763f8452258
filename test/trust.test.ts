import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { diskHost } from '../server/src/workspace';

/**
 * Trust boundaries of the on-disk host, on real directories and real symbolic links: a check reads and
 * probes only inside the workspace root; whatever leaves it is unknown (undefined), so rules stay quiet.
 *
 *   <tmp>/outside/secret.env        a file outside the workspace
 *   <tmp>/ws/                       the workspace root
 *   <tmp>/ws/app/compose.yaml       the document
 *   <tmp>/ws/app/.env               a regular .env
 *   <tmp>/ws/backend/Dockerfile     a sibling project reached with ../backend
 *   <tmp>/ws/app/link-out -> <tmp>/outside      (directory link pointing out)
 *   <tmp>/ws/app/link-in  -> <tmp>/ws/backend   (directory link staying in)
 *   <tmp>/ws/app/shadow.env -> <tmp>/outside/secret.env
 *   <tmp>/ws/app/big.env            a file over the read cap
 */
describe('diskHost stays inside the workspace root', () => {
  let tmp: string;
  let ws: string;
  let outside: string;
  let doc: string;

  before(() => {
    tmp = realpathSync(mkdtempSync(join(tmpdir(), 'shipshape-trust-')));
    ws = join(tmp, 'ws');
    outside = join(tmp, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'secret.env'), 'PASSWORD=hunter2\n');
    mkdirSync(join(ws, 'app'), { recursive: true });
    mkdirSync(join(ws, 'backend'));
    writeFileSync(join(ws, 'backend', 'Dockerfile'), 'FROM alpine:3.20\n');
    doc = join(ws, 'app', 'compose.yaml');
    writeFileSync(doc, 'services: {}\n');
    writeFileSync(join(ws, 'app', '.env'), 'TAG=1.0\n');
    writeFileSync(join(ws, 'app', 'big.env'), 'X=' + 'y'.repeat(300 * 1024) + '\n');
    symlinkSync(outside, join(ws, 'app', 'link-out'), 'dir');
    symlinkSync(join(ws, 'backend'), join(ws, 'app', 'link-in'), 'dir');
    symlinkSync(join(outside, 'secret.env'), join(ws, 'app', 'shadow.env'));
  });

  after(() => rmSync(tmp, { recursive: true, force: true }));

  const existsCases: [string, (t: { ws: string; outside: string }) => string, boolean | undefined][] = [
    ['a sibling file', () => '.env', true],
    ['a missing sibling', () => 'missing.txt', false],
    ['.. that stays inside the root', () => '../backend', true],
    ['a file through .. inside the root', () => '../backend/Dockerfile', true],
    ['a missing file through .. inside the root', () => '../backend/Containerfile', false],
    ['a link that stays inside', () => 'link-in/Dockerfile', true],
    ['.. that leaves the root', () => '../../outside', undefined],
    ['a missing path that leaves the root', () => '../../nowhere', undefined],
    ['a directory link pointing out', () => 'link-out', undefined],
    ['a file through a directory link pointing out', () => 'link-out/secret.env', undefined],
    ['a missing file through a directory link pointing out', () => 'link-out/missing', undefined],
    ['a file link pointing out', () => 'shadow.env', undefined],
    ['an absolute path outside', (t) => join(t.outside, 'secret.env'), undefined],
    ['an absolute path inside', (t) => join(t.ws, 'backend', 'Dockerfile'), true],
    ['/etc/passwd', () => '/etc/passwd', undefined],
  ];
  for (const [name, path, expected] of existsCases)
    it(`exists: ${name} → ${String(expected)}`, () => {
      assert.equal(diskHost(doc, { root: ws }).exists(path({ ws, outside })), expected);
    });

  const readCases: [string, string, string | undefined][] = [
    ['a sibling .env', '.env', 'TAG=1.0\n'],
    ['a file through .. inside the root', '../backend/Dockerfile', 'FROM alpine:3.20\n'],
    ['a file link pointing out', 'shadow.env', undefined],
    ['a file through a directory link pointing out', 'link-out/secret.env', undefined],
    ['.. that leaves the root', '../../outside/secret.env', undefined],
    ['a file over the read cap', 'big.env', undefined],
    ['a directory', '../backend', undefined],
    ['a missing file', 'missing.env', undefined],
  ];
  for (const [name, path, expected] of readCases)
    it(`read: ${name}`, () => {
      assert.equal(diskHost(doc, { root: ws }).read?.(path), expected);
    });

  const cwdCases: [string, (t: { ws: string; outside: string }) => string, boolean | undefined][] = [
    ['the workspace (the CLI run from the project): .. inside it works', (t) => t.ws, true],
    ['elsewhere: the document directory bounds the host', (t) => t.outside, undefined],
  ];
  for (const [name, cwd, expected] of cwdCases)
    it(`without a root, the current directory decides — ${name}`, () => {
      const before = process.cwd();
      process.chdir(cwd({ ws, outside }));
      try {
        const host = diskHost(doc);
        assert.equal(host.exists('.env'), true);
        assert.equal(host.exists('../backend'), expected);
      } finally {
        process.chdir(before);
      }
    });
});
