import { isPreset, type Preset } from '../core/presets';
import type { Language } from '../core/rule';

/** The CLI's arguments, usage text and version: what `shipshape lint` accepts and how it says no. */

export const VERSION = '0.1.0';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'codeclimate', 'checkstyle'] as const;
export type Format = (typeof FORMATS)[number];

export const USAGE = `Usage:
  shipshape lint [--format text|json|sarif|github|codeclimate|checkstyle] [--config FILE] [--fix]
                 [--max-warnings N] [--cache] [--cache-location PATH] [--jobs N] [--no-ignore]
                 [--preset minimal|recommended|strict] [--no-shellcheck] [--stdin-filename NAME] [--language dockerfile|compose|kubernetes] PATH...
  shipshape rules [--format text|json]
  shipshape --version

PATH may be a file, a directory or - for standard input, whose kind is decided by --stdin-filename
(default: Dockerfile). With - and --fix, the fixed text is written to standard output instead of a report.
--preset picks which advice is given (as the preset setting of .shipshape.yaml, which it overrides):
minimal (only what the tools reject), recommended (the default) or strict (every rule).
--language lints the files named explicitly (and standard input) as that kind, whatever their names. Files a
Compose file of the run names in \`include:\` or \`extends: file:\` are linted as Compose too.
RUN instructions of Dockerfiles are also checked with ShellCheck (shellcheck/SC<n> findings) when a
shellcheck binary is on PATH; --no-shellcheck leaves it out.
Directories are walked; node_modules, .git and paths a .gitignore ignores (nested ones and negations
included) are skipped unless --no-ignore is given. A file named on the command line is always linted.
Formats: github prints workflow commands (annotations on a pull request), codeclimate the GitLab Code
Quality JSON report, checkstyle its XML report.
--max-warnings N exits with 1 when there are more than N warnings (findings of severity warning).
--cache keeps results in .shipshape-cache (or --cache-location PATH: a file, or a directory to hold one),
keyed by each file's content, its configuration, the files a check read beside it and the Shipshape build,
so a re-run skips unchanged files. --jobs N lints on N worker threads (default: one per core for large
runs); the output is the same, in the same order, whatever N is.
Exit code: 0 when no finding is an error, 1 when one is, 2 on bad usage or unreadable input. A file whose
analysis fails is reported on standard error; the other files are still linted and decide the exit code.
--fix never rewrites a file that is not valid UTF-8.
Mistakes in .shipshape.yaml or .hadolint.yaml (an unknown rule id, a level that does not exist) are printed
on standard error as FILE:LINE:COLUMN and leave the exit code as the findings make it.`;

export class UsageError extends Error {}

export interface LintOptions {
  format: Format;
  config?: string;
  fix: boolean;
  stdinFilename: string;
  paths: string[];
  /** Exit 1 when the warnings outnumber this. */
  maxWarnings?: number;
  cache: boolean;
  cacheLocation?: string;
  /** Worker threads; undefined lets the run decide from its size and the cores. */
  jobs?: number;
  /** Skip .gitignore rules when walking directories. */
  noIgnore: boolean;
  /** Run ShellCheck on RUN instructions when a binary is found. */
  shellcheck: boolean;
  /** Lint the files named explicitly (and standard input) as this kind. */
  language?: Language;
  /** Overrides the preset of every configuration. */
  preset?: Preset;
}

function count(name: string, v: string, min: number): number {
  if (!/^\d+$/.test(v) || Number(v) < min)
    throw new UsageError(`${name} needs a whole number of at least ${min}`);
  return Number(v);
}

export function parseLintArgs(args: string[]): LintOptions {
  const o: LintOptions = {
    format: 'text',
    fix: false,
    stdinFilename: 'Dockerfile',
    paths: [],
    cache: false,
    noIgnore: false,
    shellcheck: true,
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
    const is = (name: string): boolean => a === name || a.startsWith(name + '=');
    if (a === '--fix') o.fix = true;
    else if (a === '--cache') o.cache = true;
    else if (a === '--no-ignore') o.noIgnore = true;
    else if (a === '--no-shellcheck') o.shellcheck = false;
    else if (is('--format')) {
      const f = value();
      if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`unknown format ${f}`);
      o.format = f as Format;
    } else if (is('--config')) o.config = value();
    else if (is('--stdin-filename')) o.stdinFilename = value();
    else if (is('--max-warnings')) o.maxWarnings = count('--max-warnings', value(), 0);
    else if (is('--cache-location')) o.cacheLocation = value();
    else if (is('--jobs')) o.jobs = count('--jobs', value(), 1);
    else if (is('--preset')) {
      const p = value();
      if (!isPreset(p)) throw new UsageError(`unknown preset ${p} (minimal, recommended or strict)`);
      o.preset = p;
    } else if (is('--language')) {
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
