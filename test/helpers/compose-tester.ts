import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { defaultConfig } from '../../server/src/core/config';
import type { Finding, Host, Rule } from '../../server/src/core/rule';
import { applyFixGroups } from '../../server/src/core/text';
import { composeSuppressions, parseCompose, type ComposeModel } from '../../server/src/languages/compose';
import { chosenFixes, fmtRange, parseMarked, parseRange, sameTemplate } from './rule-tester';

/**
 * Table tests for Compose rules, in the format of rule-tester.ts (marker lines of `~` under the code,
 * `output` for the text after every preferred fix). The document is parsed as a Compose file named
 * `compose.yaml` unless `fileName` says otherwise; `files` exist beside it and `read` gives the text of
 * files beside it (`.env`, a Dockerfile). Beyond the rule going quiet, a fix must leave a file YAML
 * still reads without new errors, keep every comment and anchor, and keep CRLF line endings.
 */
export interface ComposeValidCase {
  name?: string;
  code: string;
  fileName?: string;
  files?: string[];
  read?: Record<string, string>;
  /** The host cannot tell whether files exist (an unsaved or virtual document). */
  unknownFiles?: boolean;
  /** Paths the host refuses because they leave the workspace. */
  outside?: string[];
}

export interface ComposeInvalidCase extends ComposeValidCase {
  ranges?: string[];
  messageIds?: string[];
  output?: string | null;
  fixTitle?: string;
  /** Substrings the message of each finding must contain, in range order. */
  messages?: string[];
}

export interface ComposeTable {
  valid: (ComposeValidCase | string)[];
  invalid: ComposeInvalidCase[];
}

type ComposeRule = Rule<ComposeModel>;

export function composeHost(c: ComposeValidCase): Host {
  const files = new Set([...(c.files ?? []), ...Object.keys(c.read ?? {})]);
  return {
    fileName: c.fileName ?? 'compose.yaml',
    exists: (p) =>
      c.unknownFiles || c.outside?.includes(p)
        ? undefined
        : files.has(p.replace(/^\.\//, '').replace(/\/$/, '')),
    read: (p) => (c.outside?.includes(p) ? undefined : c.read?.[p.replace(/^\.\//, '')]),
    outside: (p) => c.outside?.includes(p) ?? false,
  };
}

export function runComposeRule(rule: ComposeRule, text: string, c: ComposeValidCase): Finding[] {
  const host = composeHost(c);
  const model = parseCompose(text, undefined, {
    name: c.fileName ?? 'compose.yaml',
    dotEnv: host.read?.('.env'),
  });
  const result = analyze({
    model,
    rules: [rule],
    suppressions: composeSuppressions(model.doc),
    config: defaultConfig(),
    host,
  });
  assert.deepEqual(result.internalErrors, [], 'the rule threw');
  return result.findings;
}

function yamlErrors(text: string): number {
  return parseCompose(text).problems.filter((p) => p.severity === 'error').length;
}

export function testComposeRule(rule: ComposeRule, table: ComposeTable): void {
  describe(rule.id, () => {
    table.valid.forEach((c, i) => {
      const vc = typeof c === 'string' ? { code: c } : c;
      it(`valid: ${vc.name ?? `#${i + 1}`}`, () => {
        const { text } = parseMarked(vc.code);
        const found = runComposeRule(rule, text, vc);
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
        const found = runComposeRule(rule, text, c);
        assert.deepEqual(
          found.map((f) => fmtRange(f.range)).sort(),
          expected,
          `finding ranges (messages: ${found.map((f) => f.message).join(' | ')})`,
        );
        if (c.messageIds) {
          const ids = found.map(
            (f) => Object.entries(rule.messages).find(([, m]) => sameTemplate(m, f.message))?.[0],
          );
          assert.deepEqual(ids, c.messageIds, 'message ids');
        }
        if (c.messages)
          c.messages.forEach((m, k) =>
            assert.ok(found[k]?.message.includes(m), `message ${k}: ${found[k]?.message}`),
          );
        if (c.output === undefined) return;
        const fixes = chosenFixes(found, c.output, c.fixTitle, /changes behaviour/i);
        if (!fixes) return;
        const { text: fixed } = applyFixGroups(
          text,
          fixes.map((f) => f.edits),
        );
        assert.equal(fixed, c.output, 'fixed text');
        assert.ok(yamlErrors(fixed) <= yamlErrors(text), 'the fixed text re-parses without new errors');
        for (const line of text.split(/\r?\n/)) {
          const comment = /(^|\s)(#.*)$/.exec(line)?.[2];
          if (comment) assert.ok(fixed.includes(comment), `comment kept: ${comment}`);
        }
        for (const anchor of text.match(/&[A-Za-z0-9_-]+/g) ?? [])
          assert.ok(fixed.includes(anchor), `anchor kept: ${anchor}`);
        if (text.includes('\r\n')) assert.ok(!/[^\r]\n/.test(fixed), 'CRLF line endings kept');
        const after = runComposeRule(rule, fixed, c);
        assert.deepEqual(
          after.map((f) => `${fmtRange(f.range)} ${f.message}`),
          [],
          'the rule is quiet after the fix',
        );
      });
    });
  });
}
