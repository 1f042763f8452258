import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseGitignore } from '../server/src/cli/gitignore';
import { walk } from '../server/src/cli/walk';

/** .gitignore semantics (git-scm.com/docs/gitignore) as the CLI's directory walk applies them. */
function ignored(patterns: string, path: string, isDir = false): boolean {
  let state = false;
  for (const line of parseGitignore(patterns)) {
    if (line.dirOnly && !isDir) continue;
    if (line.match(path)) state = !line.negate;
  }
  return state;
}

describe('gitignore patterns', () => {
  const cases: [string, string, boolean, boolean][] = [
    // pattern, path relative to the .gitignore, is a directory, ignored
    ['Dockerfile', 'Dockerfile', false, true],
    ['Dockerfile', 'a/b/Dockerfile', false, true],
    ['/Dockerfile', 'a/Dockerfile', false, false],
    ['/Dockerfile', 'Dockerfile', false, true],
    ['a/Dockerfile', 'x/a/Dockerfile', false, false],
    ['build/', 'build', true, true],
    ['build/', 'build', false, false],
    ['build/', 'src/build', true, true],
    ['*.generated.yaml', 'k8s/app.generated.yaml', false, true],
    ['*.generated.yaml\n!keep.generated.yaml', 'k8s/keep.generated.yaml', false, false],
    ['*.yaml\n!*.yaml\n*.yaml', 'x.yaml', false, true],
    ['**/deploy/*.yaml', 'a/b/deploy/x.yaml', false, true],
    ['deploy/**', 'deploy/a/b.yaml', false, true],
    ['a/**/b', 'a/b', true, true],
    ['a/**/b', 'a/x/y/b', true, true],
    ['doc/*.yaml', 'doc/sub/x.yaml', false, false],
    ['# comment', '# comment', false, false],
    ['\\#file', '#file', false, true],
    ['\\!important', '!important', false, true],
    ['trailing   ', 'trailing', false, true],
    ['space\\ ', 'space ', false, true],
    ['file[0-9].yaml', 'file7.yaml', false, true],
    ['file[!0-9].yaml', 'file7.yaml', false, false],
    ['file[!0-9].yaml', 'filex.yaml', false, true],
    ['(a|b).yaml', 'a.yaml', false, false],
    ['(a|b).yaml', '(a|b).yaml', false, true],
    ['{a,b}.yaml', '{a,b}.yaml', false, true],
    ['+(x).yaml', '+(x).yaml', false, true],
    ['.env*', '.env.local', false, true],
    ['crlf.yaml\r\n', 'crlf.yaml', false, true],
  ];
  for (const [pattern, path, isDir, expected] of cases)
    it(`${JSON.stringify(pattern)} ${expected ? 'ignores' : 'keeps'} ${path}${isDir ? '/' : ''}`, () =>
      assert.equal(ignored(pattern, path, isDir), expected));
});

describe('directory walk', () => {
  let dir: string;
  const files = [
    '.gitignore',
    'Dockerfile',
    'build/Dockerfile',
    'node_modules/pkg/Dockerfile',
    'deploy/app.yaml',
    'deploy/app.generated.yaml',
    'deploy/keep.generated.yaml',
    'deploy/.gitignore',
    'deploy/local/secret.yaml',
    'deploy/local/README.md',
    'services/api/Dockerfile',
    'services/api/.gitignore',
    'services/api/tmp.yaml',
    'services/api/out.yaml',
    'services/web/tmp.yaml',
  ];
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-walk-'));
    for (const f of files) {
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      writeFileSync(join(dir, f), 'services: {}\n');
    }
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, '.gitignore'), 'build/\n*.generated.yaml\n!keep.generated.yaml\n');
    // Nested files: relative to their own folder, and later (deeper) lines win.
    writeFileSync(join(dir, 'deploy', '.gitignore'), 'local/\n');
    writeFileSync(join(dir, 'services', 'api', '.gitignore'), '/tmp.yaml\n*.yaml\n!out.yaml\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const listed = (root: string, useGitignore: boolean) =>
    walk(root, useGitignore).map((p) => relative(dir, p));

  it('skips node_modules and what the .gitignore files ignore, nested ones and negations included', () => {
    assert.deepEqual(listed(dir, true), [
      'deploy/app.yaml',
      'deploy/keep.generated.yaml',
      'Dockerfile',
      'services/api/Dockerfile',
      'services/api/out.yaml',
      'services/web/tmp.yaml',
    ]);
  });

  it('applies the .gitignore files above a subfolder it starts in, up to the repository root', () => {
    assert.deepEqual(listed(join(dir, 'deploy'), true), ['deploy/app.yaml', 'deploy/keep.generated.yaml']);
  });

  it('--no-ignore skips only the folders no project lints', () => {
    assert.deepEqual(listed(dir, false), [
      'build/Dockerfile',
      'deploy/app.generated.yaml',
      'deploy/app.yaml',
      'deploy/keep.generated.yaml',
      'deploy/local/secret.yaml',
      'Dockerfile',
      'services/api/Dockerfile',
      'services/api/out.yaml',
      'services/api/tmp.yaml',
      'services/web/tmp.yaml',
    ]);
  });
});
