import type { Diagnostic } from 'vscode-languageserver/node';
import type { Config } from '../core/config';
import {
  findShellcheck,
  shellcheckDocsUrl,
  shellcheckInput,
  shellcheckResults,
  ShellcheckRunner,
  type Dialect,
  type ShellcheckComment,
  type ShellcheckInput,
} from '../shellcheck';
import { createParseCache, type ParseCache } from '../languages/dockerfile';
import { toDiagnostic } from './convert';

/**
 * ShellCheck in the language server. The worker reads a Dockerfile's RUN scripts (`ShellcheckScripts`)
 * and maps ShellCheck's answers back to diagnostics; the main thread runs the shellcheck processes in
 * between (`ShellcheckPass`), after the ordinary diagnostics are published, and publishes again with
 * ShellCheck's findings added. Typing never waits for it: a newer version or new settings make the pass
 * drop its queued runs and publish nothing.
 */

/** A script as it crosses the thread boundary. */
export interface ScriptJob {
  key: string;
  text: string;
  dialect: Dialect | null;
}

/** Worker side: the scripts of each document version, kept for the answers that come back. */
export class ShellcheckScripts {
  private readonly inputs = new Map<string, { version: number; input: ShellcheckInput | null }>();
  /** Each document's incremental parse cache: a pass after an edit re-parses only the chunk it touched. */
  private readonly caches = new Map<string, ParseCache>();

  scripts(
    doc: { uri: string; version: number; languageId: string; text: string },
    name: string,
  ): ScriptJob[] {
    let cache = this.caches.get(doc.uri);
    if (!cache) this.caches.set(doc.uri, (cache = createParseCache()));
    const input = shellcheckInput({ name, languageId: doc.languageId, text: doc.text }, cache);
    this.inputs.set(doc.uri, { version: doc.version, input });
    return (input?.scripts ?? []).map((s) => ({ key: s.key, text: s.text, dialect: s.dialect }));
  }

  diagnostics(
    doc: { uri: string; version: number },
    config: Config,
    results: [string, ShellcheckComment[] | null][],
  ): Diagnostic[] {
    const entry = this.inputs.get(doc.uri);
    if (!entry?.input || entry.version !== doc.version) return [];
    return shellcheckResults(entry.input, new Map(results), config).map((f) => ({
      ...toDiagnostic(f),
      codeDescription: { href: shellcheckDocsUrl(f.ruleId) },
    }));
  }

  forget(uri: string): void {
    this.inputs.delete(uri);
    this.caches.delete(uri);
  }
}

/** Main-thread side: runners per binary, each with its cache and its bound on processes. */
export class ShellcheckPass {
  private readonly runners = new Map<string, ShellcheckRunner>();

  /** The runner for the settings, or null when ShellCheck is off or no binary is found. */
  runner(settings: { enable: boolean; path: string }, trusted: boolean): ShellcheckRunner | null {
    if (!settings.enable) return null;
    // An untrusted workspace's settings cannot name a program to run.
    const bin = findShellcheck(trusted ? settings.path || undefined : undefined);
    if (!bin) return null;
    let r = this.runners.get(bin);
    if (!r) {
      r = new ShellcheckRunner(bin);
      this.runners.set(bin, r);
    }
    return r;
  }

  /** ShellCheck's answers for the scripts, or null when the document moved on before they were all in. */
  async results(
    runner: ShellcheckRunner,
    scripts: ScriptJob[],
    isStale: () => boolean,
  ): Promise<[string, ShellcheckComment[] | null][] | null> {
    const unique = [...new Map(scripts.map((s) => [s.key, s])).values()];
    const answers = await Promise.all(unique.map((s) => runner.run(s.key, s.text, s.dialect, isStale)));
    if (isStale()) return null;
    return unique.map((s, i) => [s.key, answers[i] ?? null]);
  }
}
