import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import type { ShellcheckComment } from './findings';
import type { Dialect } from './scripts';

/**
 * Runs a `shellcheck` binary the user already has: found on PATH or named by `shipshape.shellcheck.path`.
 * Nothing is ever downloaded. Each RUN body is one process (`shellcheck -f json1 -s <dialect> -`), bounded
 * in time (killed after TIMEOUT_MS) and in number (MAX_RUNNING at once); results are cached by dialect and
 * text, so an edit re-checks only the RUN it touched.
 */
const TIMEOUT_MS = 5_000;
const MAX_RUNNING = 2;
const MAX_CACHED = 4_000;
const MAX_OUTPUT = 1024 * 1024;

/**
 * Codes left out: SC2154 (a variable "referenced but not assigned" — ENV, ARG and the base image set
 * variables ShellCheck cannot see), SC1090/SC1091 (sourced files live in the image, not beside the file).
 */
const EXCLUDED = 'SC2154,SC1090,SC1091';

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    if (process.platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The shellcheck binary to use: the configured path when one is given (and nothing else, so a wrong
 * path means no ShellCheck rather than another binary), else the first on PATH, else null.
 */
export function findShellcheck(configured?: string): string | null {
  if (configured) return isAbsolute(configured) && isExecutable(configured) ? configured : null;
  const names = process.platform === 'win32' ? ['shellcheck.exe', 'shellcheck'] : ['shellcheck'];
  for (const dir of (process.env.PATH ?? '').split(delimiter))
    for (const name of names) if (dir && isExecutable(join(dir, name))) return join(dir, name);
  return null;
}

function argsFor(dialect: Dialect | null): string[] {
  return ['--norc', '-f', 'json1', '-e', EXCLUDED, ...(dialect ? ['-s', dialect] : []), '-'];
}

/** Comments from json1 output, or null when the output is not what ShellCheck writes. */
export function parseOutput(stdout: string): ShellcheckComment[] | null {
  try {
    const v = JSON.parse(stdout) as { comments?: unknown };
    if (!Array.isArray(v.comments)) return null;
    return v.comments.filter(
      (c): c is ShellcheckComment =>
        typeof c === 'object' &&
        c !== null &&
        ['line', 'column', 'endLine', 'endColumn', 'code'].every(
          (k) => typeof (c as Record<string, unknown>)[k] === 'number',
        ) &&
        typeof (c as Record<string, unknown>).message === 'string',
    );
  } catch {
    return null;
  }
}

export class ShellcheckRunner {
  private readonly cache = new Map<string, Promise<ShellcheckComment[] | null>>();
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly bin: string) {}

  /**
   * ShellCheck's comments on a script, or null when it failed or timed out. A queued run whose document
   * has moved on (`isStale`) is dropped before it starts and not cached.
   */
  run(
    key: string,
    text: string,
    dialect: Dialect | null,
    isStale: () => boolean = () => false,
  ): Promise<ShellcheckComment[] | null> {
    const hit = this.cache.get(key);
    if (hit) {
      // Most recently used last, so the oldest entry is the first to go.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const p = this.slot().then(async (release) => {
      try {
        if (isStale()) return undefined;
        return await this.spawn(text, dialect);
      } finally {
        release();
      }
    });
    const result = p.then((r) => r ?? null);
    void p.then((r) => {
      if (r === undefined) this.cache.delete(key);
    });
    this.cache.set(key, result);
    while (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
    return result;
  }

  private slot(): Promise<() => void> {
    return new Promise((resolve) => {
      const start = (): void => {
        this.running++;
        resolve(() => {
          this.running--;
          this.queue.shift()?.();
        });
      };
      if (this.running < MAX_RUNNING) start();
      else this.queue.push(start);
    });
  }

  private spawn(text: string, dialect: Dialect | null): Promise<ShellcheckComment[] | null> {
    return new Promise((resolve) => {
      let out = '';
      let done = false;
      const finish = (v: ShellcheckComment[] | null): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve(v);
      };
      const child = spawn(this.bin, argsFor(dialect), {
        stdio: ['pipe', 'pipe', 'ignore'],
        windowsHide: true,
      });
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        finish(null);
      }, TIMEOUT_MS);
      child.on('error', () => finish(null));
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (d: string) => {
        out += d;
        if (out.length > MAX_OUTPUT) {
          child.kill('SIGKILL');
          finish(null);
        }
      });
      child.on('close', (code) => finish(code === 0 || code === 1 ? parseOutput(out) : null));
      child.stdin.on('error', () => undefined);
      child.stdin.end(text);
    });
  }
}

/** The command line's way: one script at a time, waiting for each (same bounds, same cache key). */
export function runShellcheckSync(
  bin: string,
  text: string,
  dialect: Dialect | null,
): ShellcheckComment[] | null {
  const r = spawnSync(bin, argsFor(dialect), {
    input: text,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    killSignal: 'SIGKILL',
    maxBuffer: MAX_OUTPUT,
    windowsHide: true,
  });
  if (r.error || (r.status !== 0 && r.status !== 1)) return null;
  return parseOutput(r.stdout);
}
