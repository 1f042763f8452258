import type { Prng } from './prng';
import type { Kind, Sample } from './samples';

/**
 * Text mutations that aim at the places parsers get wrong: tokens with meaning in Dockerfiles, shells,
 * Compose interpolation and YAML (anchors, merge keys, tags, document markers), odd characters (NUL,
 * lone CR, BOM, line separators, surrogates, emoji), truncation, deleted runs, re-indentation, line
 * ending changes and very long lines.
 */
const TOKENS = [
  '${',
  '}',
  '$',
  '$$',
  '\\',
  '\\\n',
  '<<EOF',
  '<<-EOF\n',
  '\nEOF\n',
  '{{',
  '}}',
  '{{ .Values.x }}',
  '&a ',
  '*a',
  '<<: *a',
  '<<: [*a, *b]',
  '---\n',
  '...\n',
  '!reset ',
  '!override ',
  '!!binary ',
  '? ',
  '\t',
  '\u0000',
  '\r',
  '\uFEFF',
  '\u2028',
  '\u00a0',
  '😀',
  '\uD83D',
  '\uDE00',
  '"',
  "'",
  '`',
  '#',
  ':',
  ': ',
  '- ',
  '-',
  '[',
  ']',
  '{',
  '}',
  '|',
  '|-\n',
  '>',
  ',',
  '=',
  '\n',
  '\n\n',
  ' ',
  '@sha256:',
  ':latest',
  '--from=',
  '--mount=type=cache,target=',
  'FROM ',
  'FROM scratch AS a\n',
  'RUN ',
  'ARG ',
  'ENV A=',
  'COPY --from=a ',
  ' AS ',
  '# syntax=docker/dockerfile:1\n',
  '# escape=`\n',
  '# shipshape-ignore ',
  '# hadolint ignore=DL3008\n',
  'HEALTHCHECK NONE\n',
  'USER root\n',
  'apiVersion: v1\nkind: Pod\n',
  'apiVersion: apps/v1\nkind: Deployment\n',
  'services:\n',
  '  x:\n    image: ',
  'image: ',
  'ports:\n  - ',
  '"80:80"',
  '8080-8090:80-90/udp',
  '${VAR:-',
  '${VAR:?required}',
  '${A:-${B}}',
  '1e999',
  '-1',
  '0x1F',
  '999999999999999999999Gi',
  '500m',
  '1.5',
  'null',
  '~',
  'true',
  'extends: x',
  'x-a: &a\n',
];

const LONG_CHARS = ['a', ' ', '\\', '$', '-', '/', ':', '"', '#', '\t', '{', '=', '0', '\n', 'a '];

export interface Mutant {
  text: string;
  /** What was done, for the report. */
  ops: string[];
}

type Op = (text: string, rng: Prng, others: readonly Sample[]) => [string, string];

const at = (text: string, rng: Prng): number => rng.int(text.length + 1);
const lines = (text: string): string[] => text.split('\n');

const OPS: Record<string, Op> = {
  insertToken(text, rng) {
    const t = rng.pick(TOKENS);
    const i = at(text, rng);
    return [text.slice(0, i) + t + text.slice(i), `insert ${JSON.stringify(t)} at ${i}`];
  },
  insertTokens(text, rng) {
    let out = text;
    const n = 2 + rng.int(6);
    for (let k = 0; k < n; k++) {
      const i = at(out, rng);
      out = out.slice(0, i) + rng.pick(TOKENS) + out.slice(i);
    }
    return [out, `insert ${n} tokens`];
  },
  truncate(text, rng) {
    const i = at(text, rng);
    return [text.slice(0, i), `truncate at ${i}`];
  },
  deleteRun(text, rng) {
    const i = at(text, rng);
    const n = 1 + rng.int(rng.chance(0.5) ? 8 : 200);
    return [text.slice(0, i) + text.slice(i + n), `delete ${n} at ${i}`];
  },
  randomUnicode(text, rng) {
    let s = '';
    const n = 1 + rng.int(16);
    for (let k = 0; k < n; k++) {
      const r = rng.int(10);
      const cp =
        r < 4
          ? rng.int(0x80)
          : r < 6
            ? rng.int(0x800)
            : r < 8
              ? rng.int(0xd800)
              : 0x10000 + rng.int(0x100000);
      s += String.fromCodePoint(cp);
    }
    // Sometimes a lone surrogate, which is not valid UTF-16 text but reaches servers all the same.
    if (rng.chance(0.2)) s += String.fromCharCode(0xd800 + rng.int(0x800));
    const i = at(text, rng);
    return [text.slice(0, i) + s + text.slice(i), `insert ${n} random code points at ${i}`];
  },
  reindent(text, rng) {
    const ls = lines(text);
    const k = rng.int(ls.length);
    const line = ls[k] ?? '';
    const body = line.trimStart();
    const indent = rng.pick(['', ' ', '  ', '   ', '\t', ' \t', '    ', ' '.repeat(1 + rng.int(40))]);
    ls[k] = indent + body;
    return [ls.join('\n'), `re-indent line ${k + 1} with ${JSON.stringify(indent)}`];
  },
  shiftBlock(text, rng) {
    const ls = lines(text);
    const from = rng.int(ls.length);
    const to = Math.min(ls.length, from + 1 + rng.int(8));
    const delta = rng.chance(0.5) ? '  ' : '';
    for (let k = from; k < to; k++)
      ls[k] = delta ? delta + (ls[k] ?? '') : (ls[k] ?? '').replace(/^ {1,2}/, '');
    return [ls.join('\n'), `${delta ? 'indent' : 'dedent'} lines ${from + 1}-${to}`];
  },
  lineEndings(text, rng) {
    const r = rng.int(4);
    if (r === 0) return [text.replace(/\r?\n/g, '\r\n'), 'CRLF'];
    if (r === 1) return [text.replace(/\r?\n/g, '\r'), 'CR'];
    if (r === 2) return ['\uFEFF' + text, 'BOM'];
    return ['\uFEFF' + text.replace(/\r?\n/g, '\r\n'), 'BOM + CRLF'];
  },
  duplicateLines(text, rng) {
    const ls = lines(text);
    const from = rng.int(ls.length);
    const block = ls.slice(from, from + 1 + rng.int(6));
    const to = rng.int(ls.length + 1);
    ls.splice(to, 0, ...block);
    return [ls.join('\n'), `copy ${block.length} lines from ${from + 1} to ${to + 1}`];
  },
  swapLines(text, rng) {
    const ls = lines(text);
    const a = rng.int(ls.length);
    const b = rng.int(ls.length);
    [ls[a], ls[b]] = [ls[b] ?? '', ls[a] ?? ''];
    return [ls.join('\n'), `swap lines ${a + 1} and ${b + 1}`];
  },
  longLine(text, rng) {
    const c = rng.pick(LONG_CHARS);
    const n = 2_000 + rng.int(40_000);
    const i = at(text, rng);
    return [
      text.slice(0, i) + c.repeat(Math.ceil(n / c.length)) + text.slice(i),
      `insert ${n} x ${JSON.stringify(c)} at ${i}`,
    ];
  },
  splice(text, rng, others) {
    const other = rng.pick(others).text;
    const s = rng.int(other.length + 1);
    const piece = other.slice(s, s + 1 + rng.int(300));
    const i = at(text, rng);
    return [
      text.slice(0, i) + piece + text.slice(i),
      `splice ${piece.length} chars of another sample at ${i}`,
    ];
  },
};

/** Constructs aimed at known weak spots, one per file kind: heredocs, stage names, long continuations. */
const DOCKERFILE_OPS: Record<string, Op> = {
  heredoc(text, rng) {
    const marker = rng.pick(['EOF', 'EOT', '"EOF"', "'EOF'", '-EOF', 'E\\OF', '']);
    const body = Array.from({ length: rng.int(6) }, () =>
      rng.pick(['echo hi', '  apt-get install -y x', '$A', '', 'EO', '\\']),
    ).join('\n');
    const close = rng.chance(0.7) ? `\n${marker.replace(/^-|['"]/g, '')}\n` : '\n';
    const head = rng.pick(['RUN <<', 'RUN cat <<', 'COPY <<', 'RUN <<EOF1 <<', 'RUN python3 <<']);
    const i = at(text, rng);
    return [
      text.slice(0, i) + `\n${head}${marker}\n${body}${close}` + text.slice(i),
      `heredoc ${head}${marker} at ${i}`,
    ];
  },
  stageName(text, rng) {
    const name = rng.pick([
      'a',
      'A-b_c.d',
      '${X}',
      '-',
      '.',
      'x'.repeat(5_000),
      'a b',
      '😀',
      '$',
      'as',
      '_'.repeat(200) + '!',
    ]);
    const i = at(text, rng);
    return [
      text.slice(0, i) + `\nFROM alpine:3.20 AS ${name}\n` + text.slice(i),
      `stage named ${JSON.stringify(name.slice(0, 20))} at ${i}`,
    ];
  },
  continuations(text, rng) {
    const n = 200 + rng.int(3_000);
    const line = rng.pick(['  a \\\n', '\\\n', '  && apt-get install -y x \\\n', '  # c\n', ' \\ \n']);
    const i = at(text, rng);
    return [
      text.slice(0, i) + '\nRUN true \\\n' + line.repeat(n) + '  done\n' + text.slice(i),
      `RUN with ${n} continuation lines at ${i}`,
    ];
  },
};

const YAML_OPS: Record<string, Op> = {
  aliasBomb(text, rng) {
    const depth = 3 + rng.int(6);
    const lines = ['x-l0: &l0 ["x","x","x","x","x","x","x","x","x"]'];
    for (let d = 1; d < depth; d++)
      lines.push(
        `x-l${d}: &l${d} [${Array(9)
          .fill(`*l${d - 1}`)
          .join(',')}]`,
      );
    lines.push(`x-top: [*l${depth - 1}]`);
    const block = lines.join('\n') + '\n';
    // At the top of the file, or of a later document.
    const docs = [...text.matchAll(/^---[ \t]*$/gm)].map((m) => (m.index ?? 0) + 4);
    const i = docs.length && rng.chance(0.5) ? rng.pick(docs) : 0;
    return [text.slice(0, i) + block + text.slice(i), `alias bomb of depth ${depth} at ${i}`];
  },
  mergeKeys(text, rng) {
    const ls = lines(text);
    const k = 1 + rng.int(Math.max(1, ls.length - 1));
    const indent = /^\s*/.exec(ls[k] ?? '')?.[0] ?? '';
    ls.splice(
      k,
      0,
      `${indent}${rng.pick(['<<: *a', '<<: [*a, *b]', '<<: {}', '<<: *missing', 'a: &a', 'b: !reset null', 'c: !override [1]', '? [a]', '"quoted": *a'])}`,
    );
    return [ls.join('\n'), `merge/anchor line at ${k + 1}`];
  },
};

/** Relative weights: cheap, local edits dominate; very long lines are rarer because they cost time. */
const WEIGHTS: [string, number][] = [
  ['insertToken', 20],
  ['insertTokens', 10],
  ['truncate', 8],
  ['deleteRun', 10],
  ['randomUnicode', 6],
  ['reindent', 8],
  ['shiftBlock', 6],
  ['lineEndings', 5],
  ['duplicateLines', 6],
  ['swapLines', 4],
  ['longLine', 2],
  ['splice', 6],
];
const TOTAL = WEIGHTS.reduce((s, [, w]) => s + w, 0);

function pickOp(rng: Prng): string {
  let r = rng.int(TOTAL);
  for (const [name, w] of WEIGHTS) {
    if (r < w) return name;
    r -= w;
  }
  return 'insertToken';
}

/** One to three mutations of a sample; one in six is a construct aimed at the kind's weak spots. */
export function mutate(sample: Sample, rng: Prng, others: readonly Sample[]): Mutant {
  let text = sample.text;
  const ops: string[] = [];
  const n = 1 + rng.int(3);
  const special = sample.kind === 'dockerfile' ? DOCKERFILE_OPS : YAML_OPS;
  for (let k = 0; k < n; k++) {
    const op = rng.chance(1 / 6) ? (special[rng.pick(Object.keys(special))] as Op) : (OPS[pickOp(rng)] as Op);
    const [next, what] = op(text, rng, others);
    text = next;
    ops.push(what);
  }
  return { text, ops };
}

export function mutateFor(kind: Kind, samples: readonly Sample[], rng: Prng): Mutant & { sample: Sample } {
  void kind;
  const sample = rng.pick(samples);
  return { ...mutate(sample, rng, samples), sample };
}
