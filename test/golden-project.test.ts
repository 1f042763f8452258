import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { composeFilesOfRun } from '../server/src/compose-run';
import { defaultConfig } from '../server/src/core/config';
import { Engine } from '../server/src/engine';
import { diskHost } from '../server/src/workspace';

/**
 * Golden multi-file Compose projects (test/golden/compose-project/<name>/): a main file, an override, the
 * files `COMPOSE_FILE` in `.env` lists, an `include:`d file and an `extends:`ed one, linted the way the
 * CLI lints the folder — included and extended files as Compose whatever their names, each file's host
 * bounded to the project. `findings.txt` lists every finding per file; UPDATE_GOLDEN=1 rewrites it.
 * `valid` is a project `docker compose config` accepts: it draws no error.
 */
const ROOT = 'test/golden/compose-project';
const update = process.env.UPDATE_GOLDEN === '1';

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(e.name)) out.push(resolve(p));
  }
  return out;
}

function lintProject(dir: string): { file: string; line: string; severity: string }[] {
  const files = yamlFiles(dir);
  const compose = composeFilesOfRun(files.map((path) => ({ path, language: undefined })));
  const engine = new Engine();
  const out: { file: string; line: string; severity: string }[] = [];
  for (const path of files) {
    const result = engine.analyze(
      {
        name: path,
        text: readFileSync(path, 'utf8'),
        ...(compose.has(path)
          ? { language: 'compose' as const, partial: compose.get(path) === 'extends' }
          : {}),
      },
      defaultConfig(),
      diskHost(path, { root: resolve(dir) }),
    );
    if (!result) continue;
    assert.deepEqual(result.internalErrors, []);
    const file = relative(dir, path).split('\\').join('/');
    for (const f of result.findings)
      out.push({
        file,
        severity: f.severity,
        line: `${file}:${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1} ${f.severity} ${f.ruleId}\n  ${f.message}`,
      });
  }
  return out;
}

describe('golden Compose projects', () => {
  for (const name of readdirSync(ROOT).sort()) {
    const dir = join(ROOT, name);
    it(name, () => {
      const found = lintProject(dir);
      const listing = found.map((f) => f.line).join('\n') + '\n';
      const path = join(dir, 'findings.txt');
      if (update) writeFileSync(path, listing);
      else {
        assert.ok(existsSync(path), `${path} is missing; run with UPDATE_GOLDEN=1`);
        assert.equal(listing, readFileSync(path, 'utf8'), path);
      }
      if (name === 'valid')
        assert.deepEqual(
          found.filter((f) => f.severity === 'error').map((f) => f.line),
          [],
          'a project compose-go accepts draws no error',
        );
    });
  }
});
