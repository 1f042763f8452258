import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import semver from 'semver';

/**
 * `npm ci` prints an EBADENGINE warning for every installed package whose `engines.node` excludes the running
 * Node.js. The README's requirement is the lowest release of each supported line; every package of the
 * lockfile must accept it, so that set-up is quiet on Node 20 and on Node 22.
 */
const SUPPORTED = ['20.19.0', '22.13.0', '24.0.0'];

describe('Node.js engines', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
    packages: Record<string, { engines?: { node?: string } | string[] }>;
  };

  for (const version of SUPPORTED)
    it(`every locked package accepts Node.js ${version}, and so does package.json`, () => {
      assert.ok(semver.satisfies(version, pkg.engines.node), `package.json engines.node ${pkg.engines.node}`);
      const refusing = Object.entries(lock.packages)
        .map(([path, p]) => [path, Array.isArray(p.engines) ? undefined : p.engines?.node] as const)
        .filter(([path, range]) => path !== '' && range && !semver.satisfies(version, range))
        .map(([path, range]) => `${path} (${range})`);
      assert.deepEqual(refusing, []);
    });

  it('CONTRIBUTING.md states the same requirement', () => {
    assert.match(
      readFileSync('CONTRIBUTING.md', 'utf8'),
      /Node\.js 20\.19 or later on Node 20, 22\.13 or later on Node 22/,
    );
  });
});
