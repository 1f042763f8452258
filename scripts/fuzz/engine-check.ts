import { parseAllDocuments } from 'yaml';
import { defaultConfig } from '../../server/src/core/config';
import type { FileResult } from '../../server/src/engine';
import { Engine, noFiles } from '../../server/src/engine';
import { fixAll } from '../../server/src/fix-all';

/** One broken property for one input. `what` is short and stable, so equal failures group together. */
export interface Issue {
  what: string;
  detail: string;
}

function yamlErrors(text: string): number {
  try {
    return parseAllDocuments(text).reduce((n, d) => n + (Array.isArray(d) ? 0 : d.errors.length), 0);
  } catch {
    return 1;
  }
}

function lineCount(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

function checkResult(r: FileResult, text: string, stage: string, issues: Issue[]): void {
  for (const e of r.internalErrors)
    issues.push({ what: `${stage}: internal error in ${e.ruleId}`, detail: e.error });
  const lines = lineCount(text);
  for (const f of r.findings) {
    const { start, end } = f.range;
    if (
      start.line < 0 ||
      start.character < 0 ||
      end.line >= lines ||
      start.line > end.line ||
      (start.line === end.line && start.character > end.character)
    )
      issues.push({
        what: `${stage}: ${f.ruleId} range outside the document`,
        detail: JSON.stringify(f.range),
      });
  }
}

/** Everything an analysis says, fixes included, as text: caches must never change a word of it. */
export function signature(r: FileResult | null): string {
  return (r?.findings ?? [])
    .map((f) =>
      JSON.stringify([f.ruleId, f.severity, f.range, f.message, f.aliases, f.fixable ? f.fixes() : null]),
    )
    .join('\n');
}

function firstDifference(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  const i = x.findIndex((line, k) => line !== y[k]);
  const k = i < 0 ? x.length : i;
  return `cached:  ${x[k] ?? '(nothing)'}\nfresh:   ${y[k] ?? '(nothing)'}`;
}

const errorIds = (r: FileResult | null): Set<string> =>
  new Set((r?.findings ?? []).filter((f) => f.severity === 'error').map((f) => f.ruleId));

/**
 * The in-process properties for one input: analysis never throws and reports no internal error, ranges
 * lie inside the document, every fix builds, fix-all output re-parses (no new YAML error, no new
 * error-severity rule) and fix-all is idempotent. `base` is analysed first under the same name, so the
 * mutant goes through the incremental parse caches as an edit would.
 */
export function checkEngine(engine: Engine, name: string, base: string, text: string): Issue[] {
  const issues: Issue[] = [];
  const config = defaultConfig();
  let stage = 'analyse';
  try {
    engine.analyze({ name, text: base }, config, noFiles);
    const r = engine.analyze({ name, text }, config, noFiles);
    if (!r) return issues;
    checkResult(r, text, stage, issues);
    stage = 'build fixes';
    for (const f of r.findings) if (f.fixable) f.fixes();
    checkResult(r, text, stage, issues);
    stage = 'compare with a fresh analysis';
    const fresh = new Engine().analyze({ name, text }, config, noFiles);
    const [was, now] = [signature(r), signature(fresh)];
    if (was !== now)
      issues.push({
        what: 'an edit analysed through the caches differs from a fresh analysis',
        detail: firstDifference(was, now),
      });
    stage = 'fix-all';
    const fixed = fixAll(engine, { name, text }, config, noFiles);
    if (fixed.text === text) return issues;
    stage = 'analyse fixed output';
    const after = engine.analyze({ name, text: fixed.text }, config, noFiles);
    if (!after) issues.push({ what: 'fix-all output is no longer recognised as its kind', detail: '' });
    else checkResult(after, fixed.text, stage, issues);
    // Only inputs that were valid to begin with must stay valid: a fix applied to a file that does not
    // parse may legitimately expose other errors (a removed API's fix lets the schema check run).
    if (!name.endsWith('Dockerfile') && yamlErrors(text) === 0 && yamlErrors(fixed.text) > 0)
      issues.push({ what: 'fix-all turns valid YAML into invalid YAML', detail: fixed.text.slice(0, 2000) });
    if (errorIds(r).size === 0)
      for (const id of errorIds(after))
        issues.push({ what: `fix-all output of an error-free input draws an error: ${id}`, detail: '' });
    stage = 'fix-all twice';
    const again = fixAll(engine, { name, text: fixed.text }, config, noFiles);
    if (again.text !== fixed.text)
      issues.push({
        what: 'fix-all is not idempotent',
        detail: `second pass applied ${again.applied} fixes`,
      });
  } catch (e) {
    const err = e as Error;
    const firstFrame = String(err.stack ?? '')
      .split('\n')
      .find((l) => l.trim().startsWith('at '))
      ?.trim();
    issues.push({
      what: `${stage} threw ${err.name ?? 'an error'}: ${String(err.message ?? e)
        .split('\n')[0]
        ?.slice(0, 120)}${firstFrame ? ` (${firstFrame.replace(/^at /, '')})` : ''}`,
      detail: String(err.stack ?? e),
    });
  }
  return issues;
}
