import { pushAll } from './core/arrays';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { isIgnored, type Config } from './core/config';
import type { KubernetesIndex } from './core/kubernetes-index';
import { docsUrl, type Finding, type Host, type Language } from './core/rule';
import { Engine, noFiles } from './engine';
import { fixAll } from './fix-all';
import { composeFilesOfRun } from './compose-run';
import { walkCandidate } from './languages/detect';
import { rules } from './rules';
import { KubernetesIndexStore } from './languages/kubernetes/workspace';
import {
  findShellcheck,
  runShellcheckSync,
  shellcheckInput,
  shellcheckResults,
  SHELLCHECK_ID,
  shellcheckDocsUrl,
  type ShellcheckComment,
} from './shellcheck';
import { diskHost, loadConfig } from './workspace';
import { indexCandidate, readCandidate, summarizeFile } from './workspace-index';

const VERSION = '0.1.0';

const USAGE = `Usage:
  shipshape lint [--format text|json|sarif] [--config FILE] [--fix] [--no-shellcheck] [--stdin-filename NAME]
                 [--language dockerfile|compose|kubernetes] PATH...
  shipshape rules [--format text|json]
  shipshape --version

PATH may be a file, a directory (walked; node_modules and .git are skipped) or - for standard input,
whose kind is decided by --stdin-filename (default: Dockerfile). With - and --fix, the fixed text is
written to standard output instead of a report. --language lints the files named explicitly (and
standard input) as that kind, whatever their names. Files a Compose file of the run names in \`include:\`
or \`extends: file:\` are linted as Compose too.
Exit code: 0 when no finding is an error, 1 when one is, 2 on bad usage or unreadable input. A file whose
analysis fails is reported on standard error; the other files are still linted and decide the exit code.
--fix never rewrites a file that is not valid UTF-8.
RUN instructions of Dockerfiles are also checked with ShellCheck (shellcheck/SC<n> findings) when a
shellcheck binary is on PATH; --no-shellcheck leaves it out.
Mistakes in .shipshape.yaml or .hadolint.yaml (an unknown rule id, a level that does not exist) are printed
on standard error as FILE:LINE:COLUMN and leave the exit code as the findings make it.`;

class UsageError extends Error {}

interface LintOptions {
  format: 'text' | 'json' | 'sarif';
  config?: string;
  fix: boolean;
  shellcheck: boolean;
  stdinFilename: string;
  language?: Language;
  paths: string[];
}

interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixable: boolean;
  /** Ids of other tools this very finding answers to. */
  aliases: string[];
}

function parseLintArgs(args: string[]): LintOptions {
  const o: LintOptions = {
    format: 'text',
    fix: false,
    shellcheck: true,
    stdinFilename: 'Dockerfile',
    paths: [],
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const value = (): string => {
      const eq = a.indexOf('=');
      if (a.startsWith('--') && eq > 0) return a.slice(eq + 1);
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--fix') o.fix = true;
    else if (a === '--no-shellcheck') o.shellcheck = false;
    else if (a === '--format' || a.startsWith('--format=')) {
      const f = value();
      if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`unknown format ${f}`);
      o.format = f;
    } else if (a === '--config' || a.startsWith('--config=')) o.config = value();
    else if (a === '--stdin-filename' || a.startsWith('--stdin-filename=')) o.stdinFilename = value();
    else if (a === '--language' || a.startsWith('--language=')) {
      const l = value();
      if (l !== 'dockerfile' && l !== 'compose' && l !== 'kubernetes')
        throw new UsageError(`unknown language ${l}`);
      o.language = l;
    } else if (a === '-') o.paths.push(a);
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else o.paths.push(a);
  }
  if (o.paths.length === 0) throw new UsageError('lint needs at least one PATH');
  return o;
}

const SKIP_DIRS = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'out',
  'dist',
  '.venv',
  'venv',
  '__pycache__',
]);

/** Files under a directory whose kind we know, by name; YAML files are kept for content detection. */
function walk(dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    throw new UsageError(`cannot read directory ${dir}`);
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(p, out);
    } else if (e.isFile() && walkCandidate(e.name)) out.push(p);
  }
}

/**
 * The workspace index of the CLI: the Kubernetes objects of the files it is given (and the generators of
 * kustomizations among them), so cross-object checks see a Deployment and its Service in separate files.
 */
function cliIndex(files: string[]): KubernetesIndex {
  const store = new KubernetesIndexStore();
  for (const f of files) {
    if (!indexCandidate(f)) continue;
    const text = readCandidate(f);
    if (text !== undefined) store.setDisk(resolve(f), summarizeFile(resolve(f), text));
  }
  store.setComplete(true);
  return store.get();
}

function isBinary(text: string): boolean {
  return text.slice(0, 8000).includes('\u0000');
}

/** ShellCheck's findings on a Dockerfile's RUN instructions, one shellcheck process per RUN, or none. */
function shellcheckSync(bin: string | null, file: { name: string; text: string }, config: Config): Finding[] {
  const input = bin ? shellcheckInput(file) : null;
  if (!bin || !input) return [];
  const results = new Map<string, ShellcheckComment[] | null>();
  for (const s of input.scripts)
    if (!results.has(s.key)) results.set(s.key, runShellcheckSync(bin, s.text, s.dialect));
  return shellcheckResults(input, results, config);
}

function sorted(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

function toJson(file: string, f: Finding): JsonFinding {
  return {
    file,
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    // The CLI can afford to build the fix to tell whether there really is one.
    fixable: f.fixable && f.fixes().length > 0,
    aliases: [...f.aliases],
  };
}

/** ShellCheck's codes are not Shipshape rules: each one found is described by its wiki page. */
function withShellcheckRules(log: unknown, results: JsonFinding[]): unknown {
  const driver = (log as { runs: { tool: { driver: { rules: unknown[] } } }[] }).runs[0]?.tool.driver;
  for (const id of new Set(results.map((r) => r.ruleId).filter((x) => SHELLCHECK_ID.test(x)))) {
    const text = `ShellCheck ${id.slice('shellcheck/'.length)}`;
    driver?.rules.push({
      id,
      shortDescription: { text },
      fullDescription: { text },
      helpUri: shellcheckDocsUrl(id),
    });
  }
  return log;
}

function sarif(results: JsonFinding[]): unknown {
  const levels: Record<string, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'shipshape',
            version: VERSION,
            informationUri: 'https://github.com/shipshape-dev/shipshape',
            rules: rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.docs.summary },
              fullDescription: { text: r.docs.rationale },
              helpUri: docsUrl(r.id),
              defaultConfiguration: { level: levels[r.severity] },
            })),
          },
        },
        results: results.map((r) => ({
          ruleId: r.ruleId,
          level: levels[r.severity],
          message: { text: r.message },
          properties: { aliases: r.aliases },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: r.file.split('\\').join('/') },
                region: {
                  startLine: r.line,
                  startColumn: r.column,
                  endLine: r.endLine,
                  endColumn: r.endColumn,
                },
              },
            },
          ],
        })),
      },
    ],
  };
}

/** A file's bytes as text, and whether they were valid UTF-8 (a fix must never rewrite other bytes). */
function decode(bytes: Uint8Array): { text: string; utf8: boolean } {
  // ignoreBOM keeps a byte-order mark in the text, so that a fixed file is written back with it.
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), utf8: true };
  } catch {
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), utf8: false };
  }
}

function describeError(e: unknown): string {
  return String((e as Error).stack ?? e);
}

/**
 * Each file is linted on its own: a file that cannot be read, or whose analysis throws, is reported on
 * stderr and the others are still linted and reported. Unreadable input still ends in exit code 2 (the
 * contract); an internal error does not change the exit code, which the findings decide.
 */
function lint(args: string[]): number {
  const o = parseLintArgs(args);
  const engine = new Engine();
  const all: JsonFinding[] = [];
  const notes: string[] = [];
  let unreadable = false;
  const cwd = process.cwd();
  const configFor = (file: string): Config => {
    const c = loadConfig(file, { configFile: o.config });
    for (const p of c.problems) notes.push(p);
    return c;
  };
  if (o.config && !existsSync(o.config)) throw new UsageError(`config file ${o.config} does not exist`);
  const shellcheck = o.shellcheck ? findShellcheck() : null;

  const lintStdin = (): number | undefined => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(0);
    } catch {
      throw new UsageError('cannot read standard input');
    }
    const { text, utf8 } = decode(bytes);
    const name = o.stdinFilename;
    const config = configFor(resolve(name));
    const file = { name, text, ...(o.language ? { language: o.language } : {}) };
    if (o.fix) {
      if (!utf8) {
        notes.push(`${name}: not valid UTF-8, written back unchanged`);
        process.stdout.write(bytes);
      } else process.stdout.write(fixAll(engine, file, config, noFiles).text);
      for (const n of notes) process.stderr.write(`shipshape: ${n}\n`);
      return 0;
    }
    const r = engine.analyze(file, config, noFiles);
    if (!r) notes.push(`${name}: not a Dockerfile, Compose file or Kubernetes manifest`);
    for (const f of sorted([...(r?.findings ?? []), ...shellcheckSync(shellcheck, file, config)]))
      all.push(toJson(name, f));
    for (const e of r?.internalErrors ?? []) notes.push(`${name}: internal error in ${e.ruleId}: ${e.error}`);
    return undefined;
  };

  const lintFile = (
    file: string,
    shown: string,
    explicit: boolean,
    language: Language | undefined,
    partial: boolean,
  ): void => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      notes.push(`${shown}: cannot be read`);
      unreadable = true;
      return;
    }
    const { text, utf8 } = decode(bytes);
    if (isBinary(text)) {
      if (explicit) notes.push(`${shown}: binary file skipped`);
      return;
    }
    const config = configFor(file);
    if (!explicit && isIgnored(config, shown.split('\\').join('/'))) return;
    const host: Host = { ...diskHost(resolve(file)), kubernetes };
    let source = {
      name: resolve(file),
      text,
      ...(language ? { language } : {}),
      ...(partial ? { partial } : {}),
    };
    if (o.fix && !utf8) notes.push(`${shown}: not valid UTF-8, not fixed`);
    else if (o.fix) {
      const fixed = fixAll(engine, source, config, host);
      if (fixed.text !== text) writeFileSync(file, fixed.text);
      for (const c of fixed.creates) {
        const target = join(dirname(file), c.path);
        if (!existsSync(target)) writeFileSync(target, c.text);
      }
      source = { ...source, text: fixed.text };
    }
    const result = engine.analyze(source, config, host);
    if (!result) {
      if (explicit) notes.push(`${shown}: not a Dockerfile, Compose file or Kubernetes manifest`);
      return;
    }
    // Collected first, so that a file whose reporting throws half-way adds no partial listing.
    const found = sorted([...result.findings, ...shellcheckSync(shellcheck, source, config)]).map((f) =>
      toJson(shown, f),
    );
    pushAll(all, found);
    for (const e of result.internalErrors) notes.push(`${shown}: internal error in ${e.ruleId}: ${e.error}`);
  };

  // Directories are walked first, so that the workspace index holds every file given before any is linted.
  const targets: ({ stdin: true } | { stdin?: false; files: string[]; explicit: boolean })[] = [];
  for (const p of o.paths) {
    if (p === '-') {
      targets.push({ stdin: true });
      continue;
    }
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UsageError(`${p}: no such file or directory`);
    }
    const files: string[] = [];
    if (st.isDirectory()) walk(p, files);
    else files.push(p);
    targets.push({ files, explicit: !st.isDirectory() });
  }
  const given = targets.flatMap((t) =>
    t.stdin ? [] : t.files.map((file) => ({ file, explicit: t.explicit })),
  );
  const kubernetes = cliIndex(given.map((g) => g.file));
  // Files a Compose file of this run includes or extends are Compose, whatever their names.
  const compose = composeFilesOfRun(
    given.map((g) => ({ path: resolve(g.file), language: g.explicit ? o.language : undefined })),
  );

  for (const t of targets) {
    if (t.stdin) {
      const done = lintStdin();
      if (done !== undefined) return done;
      continue;
    }
    for (const file of t.files) {
      const shown = relative(cwd, file) || file;
      const role = compose.get(resolve(file));
      const language = t.explicit && o.language ? o.language : role ? 'compose' : undefined;
      try {
        lintFile(file, shown, t.explicit, language, role === 'extends');
      } catch (e) {
        notes.push(`${shown}: internal error, file skipped: ${describeError(e)}`);
      }
    }
  }

  if (o.format === 'json') process.stdout.write(JSON.stringify(all, null, 2) + '\n');
  else if (o.format === 'sarif')
    process.stdout.write(JSON.stringify(withShellcheckRules(sarif(all), all), null, 2) + '\n');
  else {
    for (const f of all)
      process.stdout.write(
        `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.ruleId} ${f.message}${f.fixable ? ' [fixable]' : ''}\n`,
      );
    const errors = all.filter((f) => f.severity === 'error').length;
    process.stdout.write(
      `${all.length} problem${all.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'})\n`,
    );
  }
  // Every file under one configuration carries its problems: say each once, with paths as the user sees them.
  for (const n of new Set(notes)) process.stderr.write(`shipshape: ${shortenPath(n, cwd)}\n`);
  if (unreadable) return 2;
  return all.some((f) => f.severity === 'error') ? 1 : 0;
}

/** A note about a file under the working directory names it relative to it, like findings do. */
function shortenPath(note: string, cwd: string): string {
  const prefix = cwd.endsWith(sep) ? cwd : cwd + sep;
  return note.startsWith(prefix) ? note.slice(prefix.length) : note;
}

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

export function main(argv: string[]): number {
  const [command, ...rest] = argv;
  try {
    if (command === 'lint') return lint(rest);
    if (command === 'rules') return listRules(rest);
    if (command === '--version' || command === '-v') {
      process.stdout.write(VERSION + '\n');
      return 0;
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    throw new UsageError(command ? `unknown command ${command}` : 'no command given');
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`shipshape: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`shipshape: internal error: ${String((e as Error).stack ?? e)}\n`);
    return 2;
  }
}

// Run when started as a program; tests import `main` and call it themselves.
if (require.main === module) {
  // `shipshape lint . | head` closes the pipe early: stop quietly, as other command-line tools do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
  process.exitCode = main(process.argv.slice(2));
}
