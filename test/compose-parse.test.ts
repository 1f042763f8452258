import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  createComposeCache,
  invalidTokens,
  parseCompose,
  parseDotEnv,
  resolveTemplate,
  scanTemplate,
  type ComposeModel,
} from '../server/src/languages/compose';
import {
  deref,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseYamlFile,
  type Node,
} from '../server/src/languages/yaml/model';

/** Keys, values and ranges of a YAML tree, aliases followed one level, for comparing two parses. */
function signature(n: unknown, depth = 0): unknown {
  if (!n || typeof n !== 'object' || depth > 40) return n ?? null;
  if (isPair(n)) return [signature(n.key, depth + 1), signature(n.value, depth + 1)];
  const node = n as Node;
  if (isMap(node) || isSeq(node))
    return { range: node.range?.slice(0, 2), items: node.items.map((i) => signature(i, depth + 1)) };
  if (isScalar(node))
    return { value: typeof node.value === 'symbol' ? '<<' : node.value, range: node.range?.slice(0, 2) };
  const target = deref(node);
  return { alias: node.range?.slice(0, 2), target: target?.range?.slice(0, 2) ?? null };
}

function whole(text: string): unknown {
  return signature(parseYamlFile(text).documents[0]?.contents ?? null);
}

function services(m: ComposeModel): string[] {
  return m.services.map((s) => `${s.name}:${s.entries.map((e) => e.key).join(',')}`);
}

const TRICKY: Record<string, string> = {
  'anchors across services and sections':
    'x-a: &a\n  restart: always\nx-l: &l\n  driver: local\nservices:\n  web:\n    <<: *a\n    logging: *l\n    image: nginx:1.27\n  api:\n    <<: [*a]\n    image: app:1\n',
  'comments between services and at the end':
    'services:\n  # first\n  a:\n    image: x:1\n\n  # second\n  b:\n    image: x:1\n# trailing\n',
  'four-space indentation and CRLF':
    'services:\r\n    a:\r\n        image: x:1\r\n    b:\r\n        image: x:1\r\n',
  'a block scalar and a multi-line flow list':
    'services:\n  a:\n    image: x:1\n    command: |\n      echo a\n      echo b\n    ports: [\n      "80:80"\n    ]\n  b:\n    image: x:1\n',
  'a flow list cut by a service boundary falls back to a whole parse':
    'services:\n  a:\n    image: x:1\n    ports: [ "80:80",\n  "443:443" ]\n  b:\n    image: x:1\n',
  'several documents': 'services:\n  a:\n    image: x:1\n---\nservices:\n  b:\n    image: x:1\n',
  'services in flow style': 'services: { a: { image: "x:1" } }\n',
  'an empty services key': 'services:\nvolumes:\n  data:\n',
  'tags Compose defines': 'services:\n  a:\n    image: !reset null\n    ports: !override\n      - "80:80"\n',
};

describe('Compose parser', () => {
  const goldens = readdirSync('test/golden/compose').map((d) =>
    join('test/golden/compose', d, 'compose.yaml'),
  );
  const inputs: [string, string][] = [
    ...goldens.map((p): [string, string] => [p, readFileSync(p, 'utf8')]),
    ...Object.entries(TRICKY),
  ];

  for (const [name, text] of inputs)
    it(`reads ${name} as a whole-file parse does`, () => {
      const m = parseCompose(text);
      if (name.includes('several documents')) {
        assert.ok(m.definedElsewhere);
        return;
      }
      assert.deepEqual(signature(m.root), whole(text));
      assert.equal(
        m.problems.filter((p) => p.severity === 'error').length > 0,
        parseYamlFile(text).documents.some((d) => d.problems.some((p) => p.severity === 'error')),
      );
    });

  it('re-parses incrementally: same result as a fresh parse, earlier models keep their positions', () => {
    const text = readFileSync('test/golden/compose/seed004-production/compose.yaml', 'utf8');
    const cache = createComposeCache();
    const first = parseCompose(text, cache);
    const before = JSON.stringify(signature(first.root));
    const at = text.indexOf('  celery:');
    const edits = [
      text.slice(0, at) + '  # a comment typed above celery\n' + text.slice(at),
      text.replace('max-file: "10"', 'max-file: "12"'),
      text.replace('image: redis:7-alpine', 'image: redis:7.4-alpine'),
    ];
    for (const next of edits) {
      const m = parseCompose(next, cache);
      assert.deepEqual(signature(m.root), whole(next));
      assert.deepEqual(services(m), services(parseCompose(next)));
    }
    assert.equal(JSON.stringify(signature(first.root)), before, 'the first model was not moved');
  });

  it('knows override files by name', () => {
    for (const name of [
      'compose.override.yaml',
      'docker-compose.override.yml',
      'compose.prod.yml',
      'docker-compose-dev.yml',
    ])
      assert.ok(parseCompose('services: {}\n', undefined, { name }).partial, name);
    for (const name of [
      'compose.yaml',
      'compose.yml',
      'docker-compose.yaml',
      'docker-compose.yml',
      'stack.yml',
    ])
      assert.ok(!parseCompose('services: {}\n', undefined, { name }).partial, name);
  });
});

describe('Compose interpolation', () => {
  const env = new Map([
    ['SET', 'value'],
    ['EMPTY', ''],
  ]);
  const lookup = (n: string) => env.get(n);

  it('substitutes every form, with nesting', () => {
    const cases: [string, string, boolean][] = [
      ['$SET-${SET}', 'value-value', false],
      ['${EMPTY:-d} ${EMPTY-d}', 'd ', false],
      ['${UNSET:-${SET:-x}}', 'value', false],
      ['${SET:+yes} ${EMPTY:+yes}|${EMPTY+yes}', 'yes |yes', false],
      ['$$SET costs $$5', '$SET costs $5', false],
      ['${UNSET}', '', true],
      ['${UNSET:?set it}', '', true],
    ];
    for (const [input, value, unresolved] of cases)
      assert.deepEqual(
        [resolveTemplate(input, lookup).value, resolveTemplate(input, lookup).unresolved],
        [value, unresolved],
        input,
      );
    assert.ok(resolveTemplate('${UNSET:-1.27}', lookup).defaulted);
  });

  it('finds malformed braces, nested ones marked; any other `$` is literal, as compose-go reads it', () => {
    assert.deepEqual(
      invalidTokens('a $1 b ${} c ${A:-$(x)} ${B').map((t) => [t.start, t.end]),
      [
        [7, 10],
        [24, 27],
      ],
    );
    assert.deepEqual(
      invalidTokens('${A:-${}} ${B:+${ x}}').map((t) => [t.start, t.end, t.within?.name, t.within?.op]),
      [
        [5, 8, 'A', ':-'],
        [15, 19, 'B', ':+'],
      ],
    );
    assert.deepEqual(
      scanTemplate('$1 $@ $(date) ^/api$ $} $').map((t) => [t.kind, t.start]),
      [
        ['literal', 0],
        ['literal', 3],
        ['literal', 6],
        ['literal', 19],
        ['literal', 21],
        ['literal', 24],
      ],
    );
    assert.equal(resolveTemplate('echo $1 $(date) 5$', lookup).value, 'echo $1 $(date) 5$');
    assert.equal(resolveTemplate('echo $1', lookup).unresolved, false);
    assert.deepEqual(invalidTokens('$$1 ${A:?$1 is fine in a message} $A ${A_1}'), []);
    assert.equal(scanTemplate('${A:-x}').length, 1);
  });

  it('reads .env files as Compose does', () => {
    const values = parseDotEnv(
      '# c\nexport A=1\nB="two\\nlines" # c\nC=\'$raw\'\nD=plain # comment\nBAD LINE\n',
    );
    assert.deepEqual(Object.fromEntries(values), { A: '1', B: 'two\nlines', C: '$raw', D: 'plain' });
  });
});
