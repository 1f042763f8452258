import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { isIgnored, type Config } from './core/config';
import { docsUrl, type Finding } from './core/rule';
import { Engine, noFiles, type FileResult } from './engine';
import { fixAll } from './fix-all';
import { detectLanguage } from './languages/detect';
import { rules } from './rules';
import { diskHost, loadConfig } from './workspace';

const VERSION = '0.1.0';

const USAGE = `Usage:
  shipshape lint [--format text|json|sarif] [--config FILE] [--fix] [--stdin-filename NAME] PATH...
  shipshape rules [--format text|json]
  shipshape --version

PATH may be a file, a directory (walked; node_modules and .git are skipped) or - for standard input,
whose kind is decided by --stdin-filename (default: Dockerfile). With - and --fix, the fixed text is
written to standard output instead of a report.
Exit code: 0 when no finding is an error, 1 when one is, 2 on bad usage or unreadable input.
Mistakes in .shipshape.yaml or .hadolint.yaml (an unknown rule id, a level that does not exist) are printed
on standard error as FILE:LINE:COLUMN and leave the exit code as the findings make it.`;

class UsageError extends Error {}

interface LintOptions {
  format: 'text' | 'json' | 'sarif';
  config?: string;
  fix: boolean;
  stdinFilename: string;
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
  const o: LintOptions = { format: 'text', fix: false, stdinFilename: 'Dockerfile', paths: [] };
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
    else if (a === '--format' || a.startsWith('--format=')) {
      const f = value();
      if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`unknown format ${f}`);
      o.format = f;
    } else if (a === '--config' || a.startsWith('--config=')) o.config = value();
    else if (a === '--stdin-filename' || a.startsWith('--stdin-filename=')) o.stdinFilename = value();
    else if (a === '-') o.paths.push(a);
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
    } else if (e.isFile() && (detectLanguage(e.name) !== null || /\.ya?ml$/i.test(e.name))) out.push(p);
  }
}

function isBinary(text: string): boolean {
  return text.slice(0, 8000).includes('\u0000');
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

function lint(args: string[]): number {
  const o = parseLintArgs(args);
  const engine = new Engine();
  const all: JsonFinding[] = [];
  const notes: string[] = [];
  const cwd = process.cwd();
  const configFor = (file: string): Config => {
    const c = loadConfig(file, { configFile: o.config });
    for (const p of c.problems) notes.push(p);
    return c;
  };
  if (o.config && !existsSync(o.config)) throw new UsageError(`config file ${o.config} does not exist`);

  for (const p of o.paths) {
    if (p === '-') {
      let text: string;
      try {
        text = readFileSync(0, 'utf8');
      } catch {
        throw new UsageError('cannot read standard input');
      }
      const name = o.stdinFilename;
      const config = configFor(resolve(name));
      const file = { name, text };
      if (o.fix) {
        process.stdout.write(fixAll(engine, file, config, noFiles).text);
        return 0;
      }
      const r = engine.analyze(file, config, noFiles);
      if (!r) notes.push(`${name}: not a Dockerfile, Compose file or Kubernetes manifest`);
      for (const f of r?.findings ?? []) all.push(toJson(name, f));
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
    const explicit = !st.isDirectory();
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        throw new UsageError(`${file}: cannot be read`);
      }
      const shown = relative(cwd, file) || file;
      if (isBinary(text)) {
        if (explicit) notes.push(`${shown}: binary file skipped`);
        continue;
      }
      const config = configFor(file);
      if (!explicit && isIgnored(config, shown.split('\\').join('/'))) continue;
      const host = diskHost(resolve(file));
      let source = { name: resolve(file), text };
      let result: FileResult | null;
      if (o.fix) {
        const fixed = fixAll(engine, source, config, host);
        if (fixed.text !== text) writeFileSync(file, fixed.text);
        for (const c of fixed.creates) {
          const target = join(dirname(file), c.path);
          if (!existsSync(target)) writeFileSync(target, c.text);
        }
        source = { ...source, text: fixed.text };
      }
      result = engine.analyze(source, config, host);
      if (!result) {
        if (explicit) notes.push(`${shown}: not a Dockerfile, Compose file or Kubernetes manifest`);
        continue;
      }
      for (const f of result.findings) all.push(toJson(shown, f));
      for (const e of result.internalErrors)
        notes.push(`${shown}: internal error in ${e.ruleId}: ${e.error}`);
      result = null;
    }
  }

  if (o.format === 'json') process.stdout.write(JSON.stringify(all, null, 2) + '\n');
  else if (o.format === 'sarif') process.stdout.write(JSON.stringify(sarif(all), null, 2) + '\n');
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

process.exitCode = main(process.argv.slice(2));
