import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { defaultConfig, type Config } from '../../server/src/core/config';
import type { Finding, Fix, Host, Rule } from '../../server/src/core/rule';
import { applyFixGroups, type Range, type TextDoc } from '../../server/src/core/text';
import { dockerfileSupport } from '../../server/src/languages/dockerfile/support';
import type { LanguageSupport } from '../../server/src/languages/support';
import { analyzeViews } from '../../server/src/views';
import {
  dockerfileSuppressions,
  parseDockerfile,
  type DockerfileModel,
} from '../../server/src/languages/dockerfile';

/**
 * Table tests for rules. Code is written with marker lines under it: a line of only `~` (and spaces)
 * marks, on the line above, the range where a finding is expected. Marker lines are removed before
 * analysis. For findings that span lines, give `ranges` as `line:col-line:col` (zero-based).
 */
export interface ValidCase {
  name?: string;
  code: string;
  /** Files that exist next to the document (e.g. `.dockerignore`). Default: none. */
  files?: string[];
  /** Configuration on top of the defaults (`.hadolint.yaml` settings such as `labelSchema`). */
  config?: Partial<Config>;
}

export interface InvalidCase extends ValidCase {
  /** Explicit ranges, in addition to markers. */
  ranges?: string[];
  /** Expected message ids, in range order. Optional. */
  messageIds?: string[];
  /**
   * The text after applying every finding's preferred fix. `null`: no finding offers a fix. Omitted: the
   * fix is not checked here (it must then be checked in another case of the table).
   */
  output?: string | null;
  /** Files the preferred fixes create, by relative path, with their exact text. */
  creates?: Record<string, string>;
  /** Which fix to apply when a finding offers several: its title must contain this text. */
  fixTitle?: string;
}

export interface Table {
  valid: (ValidCase | string)[];
  invalid: InvalidCase[];
}

type AnyRule = Rule<DockerfileModel>;

export function parseMarked(code: string): { text: string; ranges: Range[] } {
  const lines = code.replace(/^\n/, '').split('\n');
  const out: string[] = [];
  const ranges: Range[] = [];
  for (const l of lines) {
    if (/^\s*~+[\s~]*$/.test(l) && out.length > 0) {
      const line = out.length - 1;
      const re = /~+/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(l)))
        ranges.push({ start: { line, character: m.index }, end: { line, character: m.index + m[0].length } });
    } else out.push(l);
  }
  return { text: out.join('\n'), ranges };
}

export function parseRange(s: string): Range {
  const m = /^(\d+):(\d+)-(\d+):(\d+)$/.exec(s);
  assert.ok(m, `bad range ${s}`);
  return {
    start: { line: Number(m[1]), character: Number(m[2]) },
    end: { line: Number(m[3]), character: Number(m[4]) },
  };
}

export function fmtRange(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

export function hostWith(files: string[] = [], fileName = 'Dockerfile'): Host {
  return { fileName, exists: (p) => files.includes(p.replace(/^\.\//, '')) };
}

export function runRule(rule: AnyRule, text: string, files?: string[], extra?: Partial<Config>): Finding[] {
  const model = parseDockerfile(text);
  const config = { ...defaultConfig(), ...extra };
  // A rule that is off by default is tested as a user who turned it on sees it.
  if (rule.defaultOff) config.rules = { ...config.rules, [rule.id]: rule.severity };
  const result = analyze({
    model,
    rules: [rule],
    suppressions: dockerfileSuppressions(model),
    config,
    host: hostWith(files),
  });
  // As the engine does: `instructionLocal` rules also judge ONBUILD triggers.
  analyzeViews(
    dockerfileSupport as unknown as LanguageSupport,
    model,
    [rule] as Rule<{ doc: TextDoc }>[],
    config,
    hostWith(files),
    result,
  );
  assert.deepEqual(result.internalErrors, [], 'the rule threw');
  return result.findings;
}

export function testRule(rule: AnyRule, table: Table): void {
  describe(rule.id, () => {
    table.valid.forEach((c, i) => {
      const vc = typeof c === 'string' ? { code: c } : c;
      it(`valid: ${vc.name ?? `#${i + 1}`}`, () => {
        const { text } = parseMarked(vc.code);
        const found = runRule(rule, text, vc.files, vc.config);
        assert.deepEqual(
          found.map((f) => `${fmtRange(f.range)} ${f.message}`),
          [],
          'expected no findings',
        );
      });
    });
    table.invalid.forEach((c, i) => {
      it(`invalid: ${c.name ?? `#${i + 1}`}`, () => {
        const { text, ranges } = parseMarked(c.code);
        const expected = [...ranges, ...(c.ranges ?? []).map(parseRange)].map(fmtRange).sort();
        const found = runRule(rule, text, c.files, c.config);
        assert.deepEqual(found.map((f) => fmtRange(f.range)).sort(), expected, 'finding ranges');
        if (c.messageIds) {
          const ids = found.map(
            (f) => Object.entries(rule.messages).find(([, m]) => sameTemplate(m, f.message))?.[0],
          );
          assert.deepEqual(ids, c.messageIds, 'message ids');
        }
        if (c.output === undefined) return;
        const fixes = chosenFixes(found, c.output, c.fixTitle, /changes|behaviour|behavior/i);
        if (!fixes) return;
        const { text: fixed } = applyFixGroups(
          text,
          fixes.map((f) => f.edits),
        );
        assert.equal(fixed, c.output, 'fixed text');
        const created: Record<string, string> = {};
        for (const f of fixes) for (const cr of f.creates) created[cr.path] = cr.text;
        assert.deepEqual(created, c.creates ?? {}, 'created files');
        // The fix must leave a file the builder accepts, and the finding must be gone.
        const before = parseDockerfile(text).syntaxErrors.length;
        assert.ok(
          parseDockerfile(fixed).syntaxErrors.length <= before,
          'the fixed text re-parses without new errors',
        );
        const after = runRule(rule, fixed, [...(c.files ?? []), ...Object.keys(created)], c.config);
        assert.deepEqual(
          after.map((f) => `${fmtRange(f.range)} ${f.message}`),
          [],
          'the rule is quiet after the fix',
        );
      });
    });
  });
}

/**
 * The fix each finding offers (its preferred one, or the one whose title contains `fixTitle`), checked as
 * every table asks: with `output: null` no finding may offer one (returns null); otherwise every finding
 * must, with a title, and an unsafe fix must say so in its title (`unsafeTitle`).
 */
export function chosenFixes(
  found: Finding[],
  output: string | null,
  fixTitle: string | undefined,
  unsafeTitle: RegExp,
): Fix[] | null {
  const fixes = found.map((f) => {
    const all = f.fixes();
    return fixTitle ? all.find((x) => x.title.includes(fixTitle)) : all[0];
  });
  if (output === null) {
    assert.ok(
      fixes.every((x) => x === undefined),
      'expected no fix',
    );
    return null;
  }
  assert.ok(
    fixes.every((x) => x !== undefined),
    'every finding offers a fix',
  );
  const offered = fixes as Fix[];
  for (const f of offered) {
    assert.ok(f.title.length > 0);
    if (f.kind === 'unsafe') assert.match(f.title, unsafeTitle, 'an unsafe fix says so in its title');
  }
  return offered;
}

/** Whether a message was made from a template with `{name}` placeholders. */
export function sameTemplate(template: string, message: string): boolean {
  const re = new RegExp(
    '^' + template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{\w+\\?\}|\{\w+\}/g, '.*') + '$',
    's',
  );
  return re.test(message);
}
