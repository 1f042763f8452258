import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

const CLI = join(process.cwd(), 'server/out/cli.js');

function lint(args: string[], cwd: string, input?: string): { code: number; ids: string[]; err: string } {
  const r = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', ...args], {
    cwd,
    input,
    encoding: 'utf8',
  });
  const found = r.stdout ? (JSON.parse(r.stdout) as { file: string; ruleId: string }[]) : [];
  return { code: r.status ?? -1, ids: found.map((f) => `${f.file} ${f.ruleId}`), err: r.stderr };
}

const BAD_HEALTHCHECK =
  'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: [curl, -f, http://localhost/]\n';

describe('shipshape lint --language and files Compose reads', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-lang-'));
    writeFileSync(join(dir, 'stack.yml'), BAD_HEALTHCHECK);
    mkdirSync(join(dir, 'parts'));
    writeFileSync(
      join(dir, 'parts', 'db.yml'),
      'services:\n  db:\n    image: postgres:16\n    container_name: "bad name"\n',
    );
    writeFileSync(
      join(dir, 'base.yml'),
      'services:\n  base:\n    image: nginx:1.27\n    healthcheck:\n      test: [wget]\n',
    );
    writeFileSync(
      join(dir, 'compose.yaml'),
      'include:\n  - parts/db.yml\nservices:\n  api:\n    extends:\n      file: base.yml\n      service: base\n',
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a YAML file with another name is not Compose by itself', () => {
    const r = lint(['stack.yml'], dir);
    assert.deepEqual(r.ids, []);
    assert.match(r.err, /not a Dockerfile, Compose file or Kubernetes manifest/);
  });

  it('--language compose lints it as Compose (and --language=compose, and stdin)', () => {
    assert.ok(
      lint(['--language', 'compose', 'stack.yml'], dir).ids.includes(
        'stack.yml compose/invalid-healthcheck-test',
      ),
    );
    assert.equal(lint(['--language=compose', 'stack.yml'], dir).code, 1);
    const stdin = lint(['--language', 'compose', '--stdin-filename', 'x.yml', '-'], dir, BAD_HEALTHCHECK);
    assert.ok(stdin.ids.includes('x.yml compose/invalid-healthcheck-test'));
  });

  it('--language kubernetes and dockerfile force those kinds', () => {
    writeFileSync(
      join(dir, 'pod.txt'),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx\n',
    );
    assert.ok(
      lint(['--language', 'kubernetes', 'pod.txt'], dir).ids.some((i) => i.startsWith('pod.txt kubernetes/')),
    );
    writeFileSync(join(dir, 'build.txt'), 'FROM ubuntu\nRUN apt-get install curl\n');
    assert.ok(
      lint(['--language', 'dockerfile', 'build.txt'], dir).ids.some((i) =>
        i.startsWith('build.txt dockerfile/'),
      ),
    );
  });

  it('rejects an unknown language with exit code 2', () => {
    assert.equal(lint(['--language', 'helm', 'stack.yml'], dir).code, 2);
  });

  it('files a Compose file of the run includes or extends are linted as Compose', () => {
    const r = lint(['compose.yaml', 'parts/db.yml', 'base.yml'], dir);
    assert.ok(r.ids.includes('parts/db.yml compose/invalid-container-name'), r.ids.join('\n'));
    assert.ok(r.ids.includes('base.yml compose/invalid-healthcheck-test'), r.ids.join('\n'));
    // A walked directory too.
    const walked = lint(['.'], dir);
    assert.ok(walked.ids.includes('parts/db.yml compose/invalid-container-name'), walked.ids.join('\n'));
    // Named without the including file, they are not.
    assert.deepEqual(lint(['parts/db.yml'], dir).ids, []);
  });
});
