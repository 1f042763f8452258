/**
 * Every snippet in snippets/compose.json, expanded with its placeholder defaults, must draw no finding at
 * all (of any severity, hints included) from the engine with every rule on.
 *
 * - Whole-file snippets are analysed as they are, under the name their first comment suggests for
 *   override files (`compose.production.yaml`) and as `compose.yaml` otherwise.
 * - Block snippets (a service) are analysed inside `services:`, indented as VS Code would indent them.
 *
 * The host says a `Dockerfile` exists beside the file, as it does in a project that builds its services.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig } from '../server/src/core/config';
import type { Host } from '../server/src/core/rule';
import { Engine } from '../server/src/engine';
import { parseCompose } from '../server/src/languages/compose';
import { snippetItems } from '../server/src/lsp/snippets';

interface Snippet {
  prefix: string | string[];
  isFileTemplate?: boolean;
  description: string;
  body: string | string[];
}

/**
 * The text VS Code inserts when every placeholder keeps its default: `${1:x}` gives `x` (nested defaults
 * expanded), `${1|a,b|}` its first choice, `$1`/`${1}` mirror the placeholder's value, `$0` nothing, and
 * `\$`, `\}` and `\\` are literal. Variables (`$TM_FILENAME`) are not used by these snippets.
 */
export function expandDefaults(body: string): string {
  const values = new Map<string, string>();
  let pos = 0;
  const read = (inside: boolean): string => {
    let out = '';
    while (pos < body.length) {
      const c = body[pos] as string;
      if (c === '\\' && pos + 1 < body.length && '$}\\'.includes(body[pos + 1] as string)) {
        out += body[pos + 1];
        pos += 2;
      } else if (c === '}' && inside) return out;
      else if (c === '$') {
        const rest = body.slice(pos);
        let m = /^\$(\d+)|^\$\{(\d+)\}/.exec(rest);
        if (m) {
          pos += m[0].length;
          out += values.get(m[1] ?? m[2] ?? '') ?? '';
          continue;
        }
        m = /^\$\{(\d+)\|([^|]*)\|\}/.exec(rest);
        if (m) {
          pos += m[0].length;
          const v = (m[2] ?? '').split(',')[0] ?? '';
          values.set(m[1] as string, v);
          out += v;
          continue;
        }
        m = /^\$\{(\d+):/.exec(rest);
        if (m) {
          pos += m[0].length;
          const v = read(true);
          assert.equal(body[pos], '}', `unclosed placeholder in ${JSON.stringify(body.slice(0, 80))}`);
          pos++;
          if (!values.has(m[1] as string)) values.set(m[1] as string, v);
          out += v;
          continue;
        }
        out += c;
        pos++;
      } else {
        out += c;
        pos++;
      }
    }
    return out;
  };
  return read(false);
}

const host: Host = { fileName: 'compose.yaml', exists: (p) => p === 'Dockerfile', read: () => undefined };

function numbered(text: string): string {
  return text
    .split('\n')
    .map((l, i) => `${String(i + 1).padStart(3)}  ${l}`)
    .join('\n');
}

const snippets = Object.entries(
  JSON.parse(readFileSync(join(import.meta.dirname, '..', 'snippets', 'compose.json'), 'utf8')) as Record<
    string,
    Snippet
  >,
);

describe('expandDefaults', () => {
  it('inserts defaults and mirrors, keeps escapes literal', () => {
    assert.equal(expandDefaults('${1:api}: $1 ${2|a,b|} $2$0'), 'api: api a a');
    assert.equal(expandDefaults('\\${X:?set X} \\$\\$HOME ${1:a${2:b}c} $2'), '${X:?set X} $$HOME abc b');
  });
});

describe('snippets/compose.json', () => {
  it('is served by the language server, not also contributed to VS Code (no duplicates)', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { snippets?: unknown } };
    assert.equal(pkg.contributes.snippets, undefined);
    const served = snippetItems('compose', { line: 0, character: 0 }, 0).map((i) => i.filterText);
    assert.deepEqual(
      served,
      snippets.map(([, s]) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]).join(' ')),
    );
  });

  it('has ss- prefixes, unique, and snippets for the four seed patterns', () => {
    const prefixes = snippets.flatMap(([, s]) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]));
    for (const p of prefixes) assert.match(p, /^ss-compose-[a-z0-9-]+$/);
    assert.equal(new Set(prefixes).size, prefixes.length);
    for (const p of [
      'ss-compose-stack',
      'ss-compose-service',
      'ss-compose-networks',
      'ss-compose-production',
    ])
      assert.ok(prefixes.includes(p), p);
  });

  for (const [title, s] of snippets) {
    const body = Array.isArray(s.body) ? s.body.join('\n') : s.body;
    const expanded = expandDefaults(body);
    const text = s.isFileTemplate
      ? expanded
      : 'services:\n' +
        expanded
          .split('\n')
          .map((l) => (l ? '  ' + l : l))
          .join('\n');
    const name = /^# .*-f \S+ -f (\S+)/.exec(expanded)?.[1] ?? 'compose.yaml';

    it(`${title}: is YAML Compose reads`, () => {
      const model = parseCompose(text, undefined, { name });
      assert.deepEqual(model.problems, [], numbered(text));
      assert.ok(model.services.length > 0);
    });

    it(`${title}: draws no finding under any rule, hints included`, () => {
      // The strict preset: every rule but the opt-in ones (a proxy snippet publishes 80 and 443 everywhere).
      const config = { ...defaultConfig(), preset: 'strict' as const };
      const result = new Engine().analyze({ name, text }, config, { ...host, fileName: name });
      assert.ok(result, 'the engine recognises the text as a Compose file');
      assert.deepEqual(result.internalErrors, []);
      assert.equal(result.language, 'compose');
      assert.deepEqual(
        result.findings.map(
          (f) =>
            `${f.severity} ${f.ruleId} at ${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.message}`,
        ),
        [],
        `${title} expanded to:\n${numbered(text)}`,
      );
    });
  }
});
