import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  invalidTokens,
  parseDotEnv,
  resolveTemplate,
  scanTemplate,
  type Operator,
} from '../../server/src/languages/compose/interpolation';
import { isByteSize, isDuration, parsePortText } from '../../server/src/languages/compose/query';
import {
  isQuantity,
  quantitySuggestions,
  quantityValue,
} from '../../server/src/languages/kubernetes/quantity';

/** Properties of the pure Compose and Kubernetes value readers. */
const RUNS = { numRuns: 300 };
const anyText = fc.string({ unit: 'binary', maxLength: 60 });
const dollarText = fc
  .array(
    fc.oneof(fc.constantFrom('$', '$$', '${', '}', ':-', ':?', '+', '-', 'A', '_', '1', ' ', '{'), anyText),
    {
      maxLength: 16,
    },
  )
  .map((p) => p.join(''));
const NAME = fc.stringMatching(/^[A-Za-z_]\w{0,8}$/);
/** Default or message text with no `$`, `}` or `:` that would end or extend the reference. */
const LITERAL = fc.stringMatching(/^[\w ./@=-]{0,10}$/);

describe('compose interpolation', () => {
  it('scanTemplate never throws; tokens are ordered, inside the string and start at a `$`', () => {
    fc.assert(
      fc.property(dollarText, (s) => {
        let last = 0;
        for (const t of scanTemplate(s)) {
          assert.ok(t.start >= last && t.start < t.end && t.end <= s.length, JSON.stringify(t));
          assert.equal(s[t.start], '$');
          last = t.end;
        }
        for (const t of invalidTokens(s)) assert.ok(t.start >= 0 && t.end <= s.length && t.start < t.end);
        resolveTemplate(s, () => undefined);
        resolveTemplate(s, (n) => n.toLowerCase());
      }),
      RUNS,
    );
  });

  it('a generated reference reads back as one variable with its name, operator and argument', () => {
    fc.assert(
      fc.property(
        NAME,
        fc.constantFrom<Operator>('', ':-', '-', ':?', '?', ':+', '+'),
        LITERAL,
        fc.boolean(),
        LITERAL,
        (name, op, arg, braced, around) => {
          fc.pre(braced || op === '');
          const ref = braced ? `\${${name}${op}${op ? arg : ''}}` : `$${name}`;
          // The text after an unbraced name must not continue it.
          const s = `${around}${ref}${braced ? around : ' ' + around}`;
          const vars = scanTemplate(s).filter((t) => t.kind === 'variable');
          assert.equal(vars.length, 1);
          const v = vars[0];
          assert.ok(v?.kind === 'variable');
          assert.deepEqual(
            { name: v.name, op: v.op, arg: v.arg, braced: v.braced, text: s.slice(v.start, v.end) },
            { name, op, arg: op ? arg : '', braced, text: ref },
          );
          assert.deepEqual(invalidTokens(s), []);
        },
      ),
      RUNS,
    );
  });

  it('resolveTemplate substitutes as Compose does', () => {
    fc.assert(
      fc.property(NAME, fc.option(LITERAL, { nil: undefined }), LITERAL, (name, value, dflt) => {
        const look = (n: string) => (n === name ? value : undefined);
        const set = value !== undefined;
        const cases: [string, string][] = [
          [`\${${name}:-${dflt}}`, set && value !== '' ? value : dflt],
          [`\${${name}-${dflt}}`, set ? value : dflt],
          [`\${${name}:+${dflt}}`, set && value !== '' ? dflt : ''],
          [`\${${name}+${dflt}}`, set ? dflt : ''],
          [`$$${name}`, `$${name}`],
        ];
        for (const [template, expected] of cases)
          assert.equal(resolveTemplate(template, look).value, expected, template);
      }),
      RUNS,
    );
  });

  it('parseDotEnv never throws and reads what it was given', () => {
    fc.assert(
      fc.property(anyText, (s) => void parseDotEnv(s)),
      RUNS,
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(NAME, fc.stringMatching(/^[\w./@-]{1,12}$/)), { maxLength: 6 }),
        (pairs) => {
          const env = parseDotEnv(pairs.map(([k, v]) => `${k} = ${v}  # note`).join('\n'));
          const expected = new Map(pairs);
          assert.deepEqual(env, expected);
        },
      ),
      RUNS,
    );
  });

  for (const s of [
    '${'.repeat(50_000),
    '$'.repeat(100_000),
    '${A:-'.repeat(20_000) + '}'.repeat(20_000),
    '$A'.repeat(50_000),
    '${A:-x}'.repeat(15_000),
  ])
    it(`interpolation reads ${JSON.stringify(s.slice(0, 6))}… (${s.length} chars) in linear time`, () => {
      scanTemplate(s);
      invalidTokens(s);
      resolveTemplate(s, () => 'v');
    });

  for (const s of [
    `A=${' '.repeat(100_000)}x`,
    `A=x${' '.repeat(100_000)}y #`,
    `${'A'.repeat(100_000)} =`,
    'export '.repeat(15_000),
  ])
    it(`.env reads ${JSON.stringify(s.slice(0, 6))}… (${s.length} chars) in linear time`, () => {
      parseDotEnv(s);
    });
});

const port = fc.integer({ min: 0, max: 65535 });
const portRange = fc
  .tuple(port, fc.integer({ min: 0, max: 50 }))
  .filter(([p, n]) => p + n <= 65535)
  .map(([p, n]) => ({ start: p, end: p + n }));

describe('compose ports, durations and sizes', () => {
  it('a generated short port syntax parses to its parts', () => {
    fc.assert(
      fc.property(
        fc.option(fc.constantFrom('127.0.0.1', '0.0.0.0', '10.1.2.3', '::1'), { nil: null }),
        fc.option(fc.boolean(), { nil: null }),
        portRange,
        fc.constantFrom('', '/tcp', '/udp', '/sctp', '/UDP'),
        (ip, withHost, target, proto) => {
          const span = target.end - target.start;
          const host =
            withHost === null
              ? null
              : { start: target.start + 1000 <= 65535 - span ? target.start + 1000 : 0, end: 0 };
          if (host) host.end = host.start + span;
          fc.pre(ip === null || host !== null);
          const r = (x: { start: number; end: number }) =>
            x.start === x.end ? `${x.start}` : `${x.start}-${x.end}`;
          const ipText = ip === null ? '' : ip.includes(':') ? `[${ip}]:` : `${ip}:`;
          const text = `${ipText}${host ? r(host) + ':' : ''}${r(target)}${proto}`;
          assert.deepEqual(parsePortText(text), {
            hostIp: ip,
            published: host,
            target,
            protocol: proto ? proto.slice(1).toLowerCase() : 'tcp',
            error: null,
          });
        },
      ),
      RUNS,
    );
  });

  it('parsePortText never throws and gives either an error or a target', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.stringMatching(/^[\d:.[\]/a-z-]{0,20}$/)), (s) => {
        const p = parsePortText(s);
        assert.ok((p.error === null) !== (p.target === null));
      }),
      RUNS,
    );
  });

  it('generated Compose durations (Go units plus days and weeks) and Docker byte sizes are accepted', () => {
    const part = fc.tuple(
      fc.oneof(
        fc.nat(1000).map(String),
        fc.tuple(fc.nat(99), fc.nat(99)).map(([a, b]) => `${a}.${b}`),
      ),
      fc.constantFrom('ns', 'us', 'µs', 'ms', 's', 'm', 'h', 'd', 'w'),
    );
    fc.assert(
      fc.property(
        fc.array(part, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('', '-', '+'),
        (parts, sign) => {
          assert.ok(isDuration(sign + parts.map(([n, u]) => n + u).join('')));
        },
      ),
      RUNS,
    );
    fc.assert(
      fc.property(
        fc.nat(100000),
        fc.constantFrom('', 'k', 'm', 'g', 'M', 'G', 'kb', 'mb', 'gib', ' GB', 'b'),
        (n, unit) => {
          assert.ok(isByteSize(`${n}${unit}`));
        },
      ),
      RUNS,
    );
    for (const bad of ['', '1y', 's', '1.5', '--1s', '1 s']) assert.equal(isDuration(bad), false, bad);
    for (const bad of ['', 'k', '1 2', '1kk', '-2']) assert.equal(isByteSize(bad), false, bad);
  });

  for (const s of [
    '1'.repeat(100_000) + 'x',
    '1s'.repeat(50_000) + 'x',
    '1.'.repeat(50_000),
    ':'.repeat(100_000),
    '1-'.repeat(50_000),
  ])
    it(`ports, durations and sizes read ${JSON.stringify(s.slice(0, 6))}… (${s.length} chars) in linear time`, () => {
      isDuration(s);
      isByteSize(s);
      parsePortText(s);
    });
});

describe('kubernetes quantities', () => {
  const FACTOR: Record<string, number> = {
    '': 1,
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    Ki: 1024,
    Mi: 1024 ** 2,
    Gi: 1024 ** 3,
  };
  it('a generated quantity is a quantity and has the value it was built from', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', '+', '-'),
        fc.nat(100000),
        fc.option(fc.nat(999), { nil: undefined }),
        fc.constantFrom(...Object.keys(FACTOR), 'e3', 'E-2'),
        (sign, whole, frac, suffix) => {
          const number = `${sign}${whole}${frac === undefined ? '' : `.${frac}`}`;
          const q = number + suffix;
          assert.ok(isQuantity(q), q);
          const factor =
            suffix.startsWith('e') || suffix.startsWith('E')
              ? 10 ** Number(suffix.slice(1))
              : (FACTOR[suffix] as number);
          const expected = Number(number) * factor;
          const got = quantityValue(q) as number;
          assert.ok(Math.abs(got - expected) <= Math.abs(expected) * 1e-12, `${q}: ${got} ≠ ${expected}`);
        },
      ),
      RUNS,
    );
  });

  it('quantityValue and quantitySuggestions never throw; an exact suggestion is a quantity of the same amount', () => {
    const nearMiss = fc
      .tuple(fc.nat(5000), fc.constantFrom('MB', 'GiB', 'kb', ' Gi', 'B', 'Mi ', 'gb', 'K', 'mb', 'Ti'))
      .map(([n, u]) => `${n}${u}`);
    fc.assert(
      fc.property(fc.oneof(anyText, nearMiss), (s) => {
        quantityValue(s);
        const sug = quantitySuggestions(s);
        if (sug) {
          assert.ok(isQuantity(sug.exact), `${s} → ${sug.exact}`);
          if (sug.other !== undefined) assert.ok(isQuantity(sug.other));
        }
      }),
      RUNS,
    );
  });

  for (const s of [
    '1'.repeat(100_000) + 'x',
    '1.'.repeat(50_000),
    ' '.repeat(100_000) + '1',
    '1'.repeat(100_000) + ' GiBx',
  ])
    it(`quantities read ${JSON.stringify(s.slice(0, 6))}… (${s.length} chars) in linear time`, () => {
      quantityValue(s);
      quantitySuggestions(s);
      isQuantity(s);
    });
});
