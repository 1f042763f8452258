import { isMainThread, workerData } from 'node:worker_threads';
import { docsUrl } from './core/rule';
import { lintAsync, lintSync } from './cli/lint';
import { USAGE, UsageError, VERSION } from './cli/options';
import { isLintWorker, runLintWorker } from './cli/pool';
import { rules } from './rules';

function listRules(args: string[]): number {
  let format = 'text';
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--format') format = args[++i] ?? '';
    else if (a.startsWith('--format=')) format = a.slice(9);
    else throw new UsageError(`unknown option ${a}`);
  }
  if (format !== 'json' && format !== 'text') throw new UsageError(`unknown format ${format}`);
  const catalog = rules.map((r) => ({
    id: r.id,
    language: r.language,
    severity: r.severity,
    recommended: r.recommended,
    fix: r.fix,
    aliases: [...r.aliases],
    summary: r.docs.summary,
    docsUrl: docsUrl(r.id),
  }));
  if (format === 'json') process.stdout.write(JSON.stringify(catalog, null, 2) + '\n');
  else
    for (const r of catalog) process.stdout.write(`${r.id}\t${r.severity}\t${r.fix ?? '-'}\t${r.summary}\n`);
  return 0;
}

function fail(e: unknown): number {
  if (e instanceof UsageError) {
    process.stderr.write(`shipshape: ${e.message}\n\n${USAGE}\n`);
    return 2;
  }
  process.stderr.write(`shipshape: internal error: ${String((e as Error).stack ?? e)}\n`);
  return 2;
}

/** Every command but `lint` on many files: answered on this thread. */
function command(argv: string[], lint: (args: string[]) => number): number {
  const [name, ...rest] = argv;
  if (name === 'lint') return lint(rest);
  if (name === 'rules') return listRules(rest);
  if (name === '--version' || name === '-v') {
    process.stdout.write(VERSION + '\n');
    return 0;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  throw new UsageError(name ? `unknown command ${name}` : 'no command given');
}

/** The CLI on this thread only; tests call it in-process. */
export function main(argv: string[]): number {
  try {
    return command(argv, lintSync);
  } catch (e) {
    return fail(e);
  }
}

/** The CLI as the program runs it: `lint` may use worker threads started from this same file. */
export async function mainAsync(argv: string[]): Promise<number> {
  try {
    if (argv[0] === 'lint') return await lintAsync(argv.slice(1), __filename);
    return command(argv, lintSync);
  } catch (e) {
    return fail(e);
  }
}

if (!isMainThread && isLintWorker(workerData)) runLintWorker();
// Run when started as a program; tests import `main` and call it themselves.
else if (require.main === module) {
  // `shipshape lint . | head` closes the pipe early: stop quietly, as other command-line tools do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
  void mainAsync(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
