/**
 * CLI benchmark at monorepo scale (not a test; nothing here fails on numbers).
 *
 *   node --import tsx scripts/bench/cli.ts [--files 10000] [--cli server/out/cli.js] [--keep]
 *
 * Writes a generated tree of `--files` lintable files (test/helpers/project-tree.ts: Dockerfiles, Compose
 * files with their .env, Kubernetes manifests, plus node_modules and .gitignored output that must be
 * skipped) to a temporary folder, then times `shipshape lint` run as a user runs it (a child process,
 * from the tree's root):
 *   1. cold, on one thread (--jobs 1) and on every core (--jobs N, N = os.availableParallelism());
 *   2. cold with --cache (writes the cache), then warm with --cache (nothing changed; the fastest of
 *      WARM_RUNS), then after touching one Compose file's .env (the files that read it are linted
 *      again, the rest come from the cache), compared with a run without the cache.
 * Reported: wall time, CPU time of the process and its workers, files per second of wall time and per
 * CPU-second (one core's throughput), and whether every run printed the same report. `--keep` leaves the
 * tree (and its cache) in place and prints where, for profiling a run by hand (`node --cpu-prof
 * server/out/cli.js lint --cache .` from it).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeProjectTree } from '../../test/helpers/project-tree';

const ROOT = resolve(import.meta.dirname, '..', '..');
const COMMAND = 'node --import tsx scripts/bench/cli.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const cores = availableParallelism();
const files = Number(arg('--files', '10000'));
const cli = resolve(ROOT, arg('--cli', 'server/out/cli.js'));
const keep = process.argv.includes('--keep');

interface Run {
  label: string;
  wall: number;
  cpu: number;
  out: string;
  code: number;
}

/** Preloaded into the CLI: prints the process's CPU time (workers included) on stderr as it exits. */
const CPU_HOOK = `process.on('exit', () => {
  const u = process.resourceUsage();
  process.stderr.write('\\ncpu-us ' + (u.userCPUTime + u.systemCPUTime) + '\\n');
});
`;

function lint(label: string, dir: string, hook: string, args: string[]): Run {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--require', hook, cli, 'lint', ...args, '.'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const wall = performance.now() - t0;
  const cpu = Number(/cpu-us (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1000;
  return { label, wall, cpu, out: r.stdout, code: r.status ?? -1 };
}

/** Warm runs take a fraction of a second: the fastest of a few says more on a busy machine. */
const WARM_RUNS = 3;

/** The fastest of `n` runs; every one must print the same report. */
function fastest(n: number, run: () => Run): Run {
  const all = Array.from({ length: n }, run);
  const best = all.reduce((a, b) => (b.wall < a.wall ? b : a));
  return all.every((r) => r.out === best.out && r.code === best.code) ? best : { ...best, code: -2 };
}

function s(ms: number): string {
  return (ms / 1000).toFixed(2) + ' s';
}

function main(): void {
  console.log(`$ ${COMMAND}${process.argv.length > 2 ? ' ' + process.argv.slice(2).join(' ') : ''}`);
  console.log(`node ${process.version}, ${process.platform}/${process.arch}, ${cores} cores\n`);
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-bench-cli-'));
  try {
    const n = writeProjectTree(dir, files);
    const hook = join(dir, '..', `${dir.split(/[\\/]/).pop()}-cpu.cjs`);
    writeFileSync(hook, CPU_HOOK);
    spawnSync('git', ['init', '-q'], { cwd: dir });
    console.log(
      `tree: ${n} lintable files under ${readdirSync(join(dir, 'services')).length} groups, in ${dir}\n`,
    );
    const runs: Run[] = [
      lint('cold, --jobs 1', dir, hook, ['--jobs', '1']),
      lint(`cold, --jobs ${cores}`, dir, hook, ['--jobs', String(cores)]),
      lint('cold, --cache (writes it)', dir, hook, ['--cache']),
      fastest(WARM_RUNS, () =>
        lint(`warm, --cache (no change; best of ${WARM_RUNS})`, dir, hook, ['--cache']),
      ),
    ];
    appendFileSync(join(dir, 'services', 'group-0', 'svc-00000', '.env'), 'EXTRA=1\n');
    runs.push(lint('warm, --cache, one .env changed', dir, hook, ['--cache']));
    const changed = runs[runs.length - 1] as Run;
    const fresh = lint(`cold, --jobs ${cores}, after the change`, dir, hook, ['--jobs', String(cores)]);
    // Per core: files per second of CPU time (the process and its workers), which a loaded machine
    // stretches less than wall time.
    console.log('| run | wall | CPU | files/s (wall) | files per CPU-second (per core) |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const r of runs)
      console.log(
        `| ${r.label} | ${s(r.wall)} | ${s(r.cpu)} | ${(n / (r.wall / 1000)).toFixed(0)} | ${(n / (r.cpu / 1000)).toFixed(0)} |`,
      );
    const same = runs.slice(0, 4).every((r) => r.out === runs[0]?.out && r.code === runs[0]?.code);
    console.log(`\nsame report from every unchanged run: ${same ? 'yes' : 'NO'}`);
    const after = changed.out === fresh.out && changed.code === fresh.code;
    console.log(`same report with the cache after the change as without it: ${after ? 'yes' : 'NO'}`);
    console.log(`findings: ${runs[0]?.out.trim().split('\n').pop()}`);
  } finally {
    if (keep) console.log(`tree kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
    rmSync(join(dir, '..', `${dir.split(/[\\/]/).pop()}-cpu.cjs`), { force: true });
  }
}

main();
