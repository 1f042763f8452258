import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDoc } from '../../server/src/core/text';
import {
  splitReference,
  substitute,
  unquote,
  type VarScope,
} from '../../server/src/languages/dockerfile/image';
import { parseShell } from '../../server/src/languages/dockerfile/shell';

/** Properties of the pure Dockerfile readers: the shell reader of RUN bodies and image references. */
const RUNS = { numRuns: 300 };

/** Text a RUN body may hold: words, quotes, escapes, operators, substitutions, odd characters. */
const shellish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'apt-get',
        'install',
        '-y',
        'curl',
        'cd',
        '/app',
        'sudo',
        'env',
        'A=1',
        'x',
        '$HOME',
        '${A:-b}',
      ),
      fc.constantFrom(
        ' ',
        '  ',
        '\t',
        '\n',
        '\\\n',
        '\\',
        '"',
        "'",
        '`',
        '&&',
        '||',
        ';',
        '|',
        '&',
        '(',
        ')',
        '$(',
        '#',
        '<<EOF',
        '>',
        '2>&1',
      ),
      fc.string({ maxLength: 4, unit: 'binary' }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

const plainWord = fc.stringMatching(/^[a-z0-9_./=-]{1,12}$/);

describe('dockerfile shell reader (parseShell)', () => {
  it('never throws, and every command and word lies inside the body, in order', () => {
    fc.assert(
      fc.property(shellish, fc.constantFrom('\\', '`'), fc.boolean(), (body, escape, heredoc) => {
        const prefix = 'RUN ';
        const doc = new TextDoc(prefix + body);
        const script = parseShell(doc, prefix.length, doc.text.length, escape, heredoc);
        let last = prefix.length;
        for (const c of script.commands) {
          assert.ok(c.start >= prefix.length && c.end <= doc.text.length && c.start <= c.end);
          for (const w of c.words) {
            assert.ok(w.start >= last, `word ${JSON.stringify(w.value)} starts before the previous one ends`);
            assert.ok(w.start <= w.end && w.end <= doc.text.length);
            assert.deepEqual(w.range.start, doc.positionAt(w.start));
            assert.deepEqual(w.range.end, doc.positionAt(w.end));
            last = w.end;
          }
        }
      }),
      RUNS,
    );
  });

  it('plain words separated by blanks and operators come back with their exact text and range', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(plainWord, fc.constantFrom(' ', '  ', ' && ', ' || ', '; ', ' | ', ' \\\n  ')), {
          minLength: 1,
          maxLength: 12,
        }),
        (pairs) => {
          const body = pairs.map(([w, sep]) => w + sep).join('');
          const doc = new TextDoc('RUN ' + body);
          const words = parseShell(doc, 4, doc.text.length).commands.flatMap((c) => c.words);
          assert.deepEqual(
            words.map((w) => w.value),
            pairs.map(([w]) => w),
          );
          for (const w of words) {
            assert.equal(doc.text.slice(w.start, w.end), w.value);
            assert.equal(w.quoted, false);
          }
        },
      ),
      RUNS,
    );
  });

  it('a quoted word keeps its value without the quotes and its range covers the quotes', () => {
    fc.assert(
      fc.property(plainWord, fc.constantFrom('"', "'"), (w, q) => {
        const doc = new TextDoc(`RUN echo ${q}${w} x${q}`);
        const words = parseShell(doc, 4, doc.text.length).commands.flatMap((c) => c.words);
        assert.equal(words.length, 2);
        assert.equal(words[1]?.value, `${w} x`);
        assert.equal(words[1]?.quoted, true);
        assert.equal(doc.text.slice(words[1]?.start, words[1]?.end), `${q}${w} x${q}`);
      }),
      RUNS,
    );
  });

  // Sizeable adversarial bodies: each must finish well inside the test's normal timeout.
  const ADVERSARIAL = [
    'a '.repeat(50_000),
    '\\\n'.repeat(50_000),
    '"'.repeat(100_000),
    "'".repeat(100_000),
    '$('.repeat(50_000),
    '${'.repeat(50_000),
    '&&'.repeat(50_000),
    'x\\'.repeat(50_000),
    '#'.repeat(100_000),
    ' \\\n#c\n'.repeat(20_000),
  ];
  for (const body of ADVERSARIAL)
    it(`reads ${JSON.stringify(body.slice(0, 6))}… (${body.length} chars) in linear time`, () => {
      const doc = new TextDoc('RUN ' + body);
      const script = parseShell(doc, 4, doc.text.length);
      assert.ok(script.end <= doc.text.length);
    });
});

/** Reference parts from the distribution grammar. */
const component = fc.stringMatching(/^[a-z0-9]+(?:[._-][a-z0-9]+)?$/);
const registry = fc.oneof(
  fc.constant('localhost'),
  fc
    .tuple(component, fc.constantFrom('.io', '.com', '.example.org'))
    .map(([a, b]) => a.replace(/[._-]/g, '') + b),
  fc
    .tuple(fc.constantFrom('localhost', 'registry.local'), fc.integer({ min: 1, max: 65535 }))
    .map(([h, p]) => `${h}:${p}`),
);
const tag = fc.stringMatching(/^\w[\w.-]{0,20}$/);
const digest = fc.stringMatching(/^[0-9a-f]{64}$/).map((h) => `sha256:${h}`);

describe('image references (splitReference, substitute, unquote)', () => {
  it('splitReference gives back the registry, name, tag and digest a reference was built from', () => {
    fc.assert(
      fc.property(
        fc.option(registry, { nil: null }),
        fc.array(component, { minLength: 1, maxLength: 3 }),
        fc.option(tag, { nil: null }),
        fc.option(digest, { nil: null }),
        (reg, path, t, d) => {
          // A first path component with a dot would itself read as a registry, as the grammar says.
          fc.pre(reg !== null || !(path[0] ?? '').includes('.'));
          const name = path.join('/');
          const ref = `${reg ? reg + '/' : ''}${name}${t ? ':' + t : ''}${d ? '@' + d : ''}`;
          assert.deepEqual(splitReference(ref), { registry: reg, name, tag: t, digest: d });
        },
      ),
      RUNS,
    );
  });

  it('splitReference and unquote never throw and lose no characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
        const p = splitReference(s);
        const rebuilt = `${p.registry ? p.registry + '/' : ''}${p.name}${p.tag !== null ? ':' + p.tag : ''}${p.digest !== null ? '@' + p.digest : ''}`;
        assert.equal(rebuilt, s);
        unquote(s, '\\');
        unquote(s, '`');
      }),
      RUNS,
    );
  });

  it('substitute with every variable known always resolves, and a plain text is left as it is', () => {
    const name = fc.stringMatching(/^[A-Za-z_]\w{0,6}$/);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(name, fc.stringMatching(/^[a-z0-9.]{0,6}$/)), { minLength: 1, maxLength: 4 }),
        fc.array(
          fc.oneof(fc.stringMatching(/^[a-z:./-]{0,5}$/), fc.constantFrom('$', '${', '}', ':-', ':+')),
          { maxLength: 8 },
        ),
        (vars, glue) => {
          const scope: VarScope = new Map(vars);
          // A `/` after each reference ends its name, so the glue cannot lengthen it into an unknown one.
          const text = glue
            .map((g, i) => {
              const v = vars[i % vars.length]?.[0] ?? 'A';
              return g + (i % 2 ? `\${${v}:-d}` : `$${v}`) + '/';
            })
            .join('');
          assert.notEqual(substitute(text, scope), null);
          const plain = glue.filter((g) => !g.includes('$')).join('');
          assert.equal(substitute(plain, scope), plain);
        },
      ),
      RUNS,
    );
  });

  for (const s of [
    '${'.repeat(50_000),
    '$a'.repeat(50_000),
    '${a:-'.repeat(20_000) + '}',
    '"\\'.repeat(50_000),
    "'".repeat(100_000),
  ])
    it(`image helpers read ${JSON.stringify(s.slice(0, 6))}… (${s.length} chars) in linear time`, () => {
      substitute(s, new Map([['a', 'x']]));
      unquote(s, '\\');
      splitReference(s);
    });
});
