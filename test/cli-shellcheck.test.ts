import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

/** `shipshape lint` with ShellCheck: on when a binary is on PATH, off with --no-shellcheck or without one. */
const CLI = join(process.cwd(), 'server/out/cli.js');
const TEXT = 'FROM debian:12\nRUN apt-get update \\\n    && ls $DIR\n';

function lint(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): { ruleId: string; line: number; column: number; endColumn: number; aliases: string[] }[] {
  const r = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', ...args, '-'], {
    input: TEXT,
    encoding: 'utf8',
    env,
  });
  assert.equal(r.status, 0, r.stderr);
  return (
    JSON.parse(r.stdout) as {
      ruleId: string;
      line: number;
      column: number;
      endColumn: number;
      aliases: string[];
    }[]
  ).filter((f) => f.ruleId.startsWith('shellcheck/'));
}

describe('shipshape lint with ShellCheck', () => {
  it('reports ShellCheck findings at their place in the Dockerfile', () => {
    assert.deepEqual(
      lint([]).map((f) => ({
        ruleId: f.ruleId,
        line: f.line,
        column: f.column,
        endColumn: f.endColumn,
        aliases: f.aliases,
      })),
      [{ ruleId: 'shellcheck/SC2086', line: 3, column: 11, endColumn: 15, aliases: ['hadolint:SC2086'] }],
    );
  });

  it('leaves them out with --no-shellcheck', () => {
    assert.deepEqual(lint(['--no-shellcheck']), []);
  });

  it('keys --cache results: a run with ShellCheck after one without it reports its findings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-shellcheck-'));
    try {
      writeFileSync(join(dir, 'Dockerfile'), TEXT);
      const run = (args: string[]) =>
        spawnSync(process.execPath, [CLI, 'lint', ...args, '.'], { cwd: dir, encoding: 'utf8' }).stdout;
      run(['--cache', '--no-shellcheck']);
      const fresh = run([]);
      assert.ok(fresh.includes('shellcheck/SC2086'), fresh);
      assert.equal(run(['--cache']), fresh);
      assert.equal(run(['--cache', '--no-shellcheck']), run(['--no-shellcheck']));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is silent when no shellcheck is on PATH', () => {
    assert.deepEqual(lint([], { ...process.env, PATH: '/nonexistent' }), []);
  });
});
