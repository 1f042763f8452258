/**
 * Every snippet in snippets/dockerfile.json, expanded with its placeholder defaults, must draw no finding
 * at all (of any severity, hints included) from the engine with every rule on.
 *
 * - Whole-file snippets (`"isFileTemplate": true`) are analysed as they are.
 * - Block snippets are analysed inside the smallest Dockerfile that makes them realistic (see `wrapBlock`):
 *
 *       FROM <base>            alpine:3.20 when the block uses apk/addgroup/adduser/wget,
 *                              python:3.12-slim when it uses pip, debian:12-slim otherwise
 *       RUN <install curl>     only when the block calls curl without installing anything
 *       WORKDIR /app
 *       <the block>
 *       USER nobody            only when the block sets no USER itself
 *       CMD ["sleep", "infinity"]
 *
 * The analysis runs with a host on which `.dockerignore` exists next to the Dockerfile, as it would in a
 * project that follows the snippets' advice.
 *
 * A second set of checks ("house style") reads the expanded text directly, so that the conventions the
 * snippets promise hold even for the patterns no rule covers yet.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig } from '../server/src/core/config';
import type { Host } from '../server/src/core/rule';
import { Engine } from '../server/src/engine';

// ---------------------------------------------------------------------------------------------------------
// Snippet expansion (the TextMate/VS Code snippet grammar, enough of it to insert defaults)
// ---------------------------------------------------------------------------------------------------------

type SnippetNode =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children: SnippetNode[] | null; choices: string[] | null }
  | { kind: 'variable'; name: string; children: SnippetNode[] | null };

/** Values VS Code would give the variables a snippet may use, for a file named Dockerfile. */
const VARIABLES: Record<string, string> = {
  TM_FILENAME: 'Dockerfile',
  TM_FILENAME_BASE: 'Dockerfile',
  TM_DIRECTORY: '/workspace/app',
  TM_FILEPATH: '/workspace/app/Dockerfile',
  RELATIVE_FILEPATH: 'Dockerfile',
  WORKSPACE_NAME: 'app',
  WORKSPACE_FOLDER: '/workspace/app',
  TM_SELECTED_TEXT: '',
  TM_CURRENT_LINE: '',
  TM_CURRENT_WORD: '',
  TM_LINE_INDEX: '0',
  TM_LINE_NUMBER: '1',
  CLIPBOARD: '',
  LINE_COMMENT: '#',
};

class SnippetParser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parseAll(): SnippetNode[] {
    const nodes = this.parse(false);
    if (this.pos < this.src.length) throw this.error('unexpected "}"');
    return nodes;
  }

  private error(message: string): Error {
    return new Error(`snippet syntax: ${message} at offset ${this.pos} in ${JSON.stringify(this.src)}`);
  }

  /** Text and elements up to the end, or (inside a placeholder) up to its closing brace, not consumed. */
  private parse(inPlaceholder: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos] as string;
      if (c === '\\') {
        const next = this.src[this.pos + 1];
        if (next === '$' || next === '}' || next === '\\') {
          text += next;
          this.pos += 2;
        } else {
          text += c;
          this.pos++;
        }
        continue;
      }
      if (c === '}' && inPlaceholder) break;
      if (c === '$') {
        const node = this.dollar();
        if (node) {
          flush();
          nodes.push(node);
        } else {
          text += c;
          this.pos++;
        }
        continue;
      }
      text += c;
      this.pos++;
    }
    flush();
    return nodes;
  }

  private dollar(): SnippetNode | null {
    const rest = this.src.slice(this.pos);
    let m = /^\$(\d+)/.exec(rest);
    if (m) {
      this.pos += m[0].length;
      return { kind: 'tabstop', index: Number(m[1]), children: null, choices: null };
    }
    m = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    if (m) {
      this.pos += m[0].length;
      return { kind: 'variable', name: m[1] as string, children: null };
    }
    m = /^\$\{(?:(\d+)|([A-Za-z_][A-Za-z0-9_]*))/.exec(rest);
    if (!m) return null;
    this.pos += m[0].length;
    const index = m[1] === undefined ? null : Number(m[1]);
    const name = m[2] ?? '';
    const next = this.src[this.pos];
    let children: SnippetNode[] | null = null;
    let choices: string[] | null = null;
    if (next === '}') {
      this.pos++;
    } else if (next === ':') {
      this.pos++;
      children = this.parse(true);
      this.expect('}');
    } else if (next === '|' && index !== null) {
      this.pos++;
      choices = this.choices();
    } else if (next === '/') {
      throw this.error('transforms are not supported by this test; expand them here first');
    } else {
      throw this.error(`unexpected ${JSON.stringify(next ?? 'end of text')}`);
    }
    return index === null
      ? { kind: 'variable', name, children }
      : { kind: 'tabstop', index, children, choices };
  }

  /** `a,b,c|}` after `${1|`; `\,` `\|` `\$` `\}` `\\` are escapes. */
  private choices(): string[] {
    const out: string[] = [];
    let cur = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos] as string;
      const next = this.src[this.pos + 1];
      if (c === '\\' && next !== undefined && ',|$}\\'.includes(next)) {
        cur += next;
        this.pos += 2;
      } else if (c === ',') {
        out.push(cur);
        cur = '';
        this.pos++;
      } else if (c === '|' && next === '}') {
        out.push(cur);
        this.pos += 2;
        return out;
      } else {
        cur += c;
        this.pos++;
      }
    }
    throw this.error('unterminated choice');
  }

  private expect(c: string): void {
    if (this.src[this.pos] !== c) throw this.error(`expected ${JSON.stringify(c)}`);
    this.pos++;
  }
}

/**
 * The text VS Code inserts when every placeholder keeps its default: `${1:x}` and `${1|x,y|}` give `x`,
 * a bare `$1`/`${1}` mirrors the first placeholder or choice of that index anywhere in the snippet (or is
 * empty), `$0` is empty, variables take the values above, else their default, else their own name.
 */
function expandSnippet(body: string): string {
  const nodes = new SnippetParser(body).parseAll();
  const defining = new Map<number, SnippetNode & { kind: 'tabstop' }>();
  const collect = (list: SnippetNode[]) => {
    for (const n of list) {
      if (n.kind === 'tabstop' && (n.children || n.choices) && !defining.has(n.index))
        defining.set(n.index, n);
      if (n.kind !== 'text' && n.children) collect(n.children);
    }
  };
  collect(nodes);
  const values = new Map<number, string>();
  const resolving = new Set<number>();
  const valueOf = (index: number): string => {
    const known = values.get(index);
    if (known !== undefined) return known;
    const def = defining.get(index);
    if (!def || index === 0) return '';
    if (resolving.has(index)) throw new Error(`snippet placeholder $${index} contains itself`);
    resolving.add(index);
    const v = def.choices ? (def.choices[0] ?? '') : render(def.children ?? []);
    resolving.delete(index);
    values.set(index, v);
    return v;
  };
  const render = (list: SnippetNode[]): string =>
    list
      .map((n) => {
        if (n.kind === 'text') return n.value;
        if (n.kind === 'tabstop') return valueOf(n.index);
        const v = VARIABLES[n.name];
        if (v !== undefined) return v;
        return n.children ? render(n.children) : n.name;
      })
      .join('');
  return render(nodes);
}

// ---------------------------------------------------------------------------------------------------------
// Loading and wrapping
// ---------------------------------------------------------------------------------------------------------

interface SnippetEntry {
  name: string;
  prefixes: string[];
  description: string;
  wholeFile: boolean;
  body: string;
}

const SNIPPETS_FILE = join(import.meta.dirname, '..', 'snippets', 'dockerfile.json');

function loadSnippets(): SnippetEntry[] {
  const raw: unknown = JSON.parse(readFileSync(SNIPPETS_FILE, 'utf8'));
  assert.ok(raw && typeof raw === 'object' && !Array.isArray(raw), 'snippets file is an object');
  return Object.entries(raw as Record<string, Record<string, unknown>>).map(([name, s]) => {
    const { prefix, body, description, isFileTemplate } = s;
    const prefixes = typeof prefix === 'string' ? [prefix] : prefix;
    assert.ok(
      Array.isArray(prefixes) && prefixes.length > 0 && prefixes.every((p) => typeof p === 'string'),
      `${name}: prefix is a string or an array of strings`,
    );
    const lines = typeof body === 'string' ? [body] : body;
    assert.ok(
      Array.isArray(lines) && lines.every((l) => typeof l === 'string'),
      `${name}: body is a string or an array of strings`,
    );
    assert.ok(typeof description === 'string' && description.length > 0, `${name}: has a description`);
    assert.ok(isFileTemplate === undefined || typeof isFileTemplate === 'boolean', `${name}: isFileTemplate`);
    return {
      name,
      prefixes: prefixes as string[],
      description,
      wholeFile: isFileTemplate === true,
      body: (lines as string[]).join('\n'),
    };
  });
}

/** The Dockerfile a block snippet is analysed in; documented at the top of this file. */
function wrapBlock(block: string): string {
  const base = /\bapk\b|\baddgroup\b|\badduser\b|\bwget\b/.test(block)
    ? 'alpine:3.20'
    : /\bpip\b/.test(block)
      ? 'python:3.12-slim'
      : 'debian:12-slim';
  const lines = [`FROM ${base}`];
  if (/\bcurl\b/.test(block) && !/apt-get install|apk add/.test(block))
    lines.push(
      base.startsWith('alpine')
        ? 'RUN apk add --no-cache curl'
        : 'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
    );
  lines.push('WORKDIR /app', block.replace(/\n+$/, ''));
  if (!/^\s*USER\s/im.test(block)) lines.push('USER nobody');
  lines.push('CMD ["sleep", "infinity"]', '');
  return lines.join('\n');
}

function textFor(s: SnippetEntry): string {
  const expanded = expandSnippet(s.body);
  return s.wholeFile ? expanded : wrapBlock(expanded);
}

function numbered(text: string): string {
  return text
    .split('\n')
    .map((l, i) => `${String(i + 1).padStart(3)} | ${l}`)
    .join('\n');
}

const host: Host = { fileName: 'Dockerfile', exists: (p) => p === '.dockerignore' };

// ---------------------------------------------------------------------------------------------------------
// A small reader for the house-style checks: logical instructions, stages and build arguments
// ---------------------------------------------------------------------------------------------------------

interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** Logical instructions: comments dropped, backslash continuations joined. */
function instructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  let buf = '';
  let startLine = 0;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trimEnd();
    if (!buf && (/^\s*#/.test(line) || !line.trim())) return;
    if (buf && /^\s*#/.test(line)) return;
    if (!buf) startLine = i + 1;
    if (line.endsWith('\\')) {
      buf += line.slice(0, -1) + ' ';
      return;
    }
    buf += line;
    const m = /^\s*(\S+)\s*(.*)$/s.exec(buf);
    if (m)
      out.push({ keyword: (m[1] as string).toUpperCase(), args: (m[2] as string).trim(), line: startLine });
    buf = '';
  });
  return out;
}

function stages(list: Instruction[]): { from: Instruction; body: Instruction[] }[] {
  const out: { from: Instruction; body: Instruction[] }[] = [];
  for (const ins of list) {
    if (ins.keyword === 'FROM') out.push({ from: ins, body: [] });
    else out.at(-1)?.body.push(ins);
  }
  return out;
}

function houseStyleProblems(text: string, wholeFile: boolean): string[] {
  const problems: string[] = [];
  const list = instructions(text);
  const globalArgs = new Map<string, string>();
  for (const ins of list) {
    if (ins.keyword === 'FROM') break;
    const m = /^([A-Za-z_]\w*)=(\S*)/.exec(ins.args);
    if (ins.keyword === 'ARG' && m) globalArgs.set(m[1] as string, m[2] as string);
  }
  const stageNames = new Set<string>();
  const all = stages(list);
  for (const [i, stage] of all.entries()) {
    const words = stage.from.args.split(/\s+/).filter((w) => !w.startsWith('--'));
    const image = (words[0] ?? '').replace(/\$\{?(\w+)\}?/g, (_m, v: string) => globalArgs.get(v) ?? '');
    const as = words[1]?.toUpperCase() === 'AS' ? words[2]?.toLowerCase() : undefined;
    if (!stageNames.has(image.toLowerCase()) && image !== 'scratch') {
      const tag = /^(?:[^/]+\/)*[^:/@]+(?::([^@]+))?(?:@(.+))?$/.exec(image);
      if (!tag || (!tag[1] && !tag[2])) problems.push(`line ${stage.from.line}: image ${image} has no tag`);
      else if (tag[1] === 'latest') problems.push(`line ${stage.from.line}: image ${image} uses latest`);
    }
    if (as) stageNames.add(as);

    let copiedAll: Instruction | undefined;
    for (const ins of stage.body) {
      const a = ins.args;
      if ((ins.keyword === 'CMD' || ins.keyword === 'ENTRYPOINT') && !a.startsWith('['))
        problems.push(`line ${ins.line}: ${ins.keyword} is not in JSON form`);
      if (ins.keyword === 'RUN') {
        if (/\bpip3? install\b/.test(a) && !/--no-cache-dir/.test(a) && !/PIP_NO_CACHE_DIR/.test(text))
          problems.push(`line ${ins.line}: pip install without --no-cache-dir`);
        if (/\bapk add\b/.test(a) && !/--no-cache\b/.test(a))
          problems.push(`line ${ins.line}: apk add without --no-cache`);
        if (/\bapt-get install\b/.test(a)) {
          if (!/--no-install-recommends/.test(a))
            problems.push(`line ${ins.line}: apt-get install without --no-install-recommends`);
          if (!/\bapt-get update\b/.test(a))
            problems.push(`line ${ins.line}: apt-get install without update`);
          if (!/rm -rf \/var\/lib\/apt\/lists/.test(a))
            problems.push(`line ${ins.line}: apt lists not removed in the same RUN`);
          if (!/(^|\s)-y\b|--yes|--assume-yes/.test(a))
            problems.push(`line ${ins.line}: apt-get install without -y`);
        }
        if (copiedAll && /\b(pip3? install|npm ci|npm install|poetry install|yarn install)\b/.test(a))
          problems.push(
            `line ${ins.line}: dependencies installed after COPY . . (line ${copiedAll.line}); copy the manifests first`,
          );
      }
      if ((ins.keyword === 'COPY' || ins.keyword === 'ADD') && /(^|\s)\.\s+\.\/?$/.test(a)) copiedAll = ins;
    }

    if (wholeFile && i === all.length - 1) {
      const user = [...stage.body].reverse().find((ins) => ins.keyword === 'USER');
      if (!user) problems.push('final stage has no USER');
      else if (/^(root|0)(:|$)/.test(user.args)) problems.push(`line ${user.line}: final stage runs as root`);
    }
  }
  if (wholeFile) {
    if (list.some((ins) => ins.keyword === 'EXPOSE') && !list.some((ins) => ins.keyword === 'HEALTHCHECK'))
      problems.push('EXPOSE without HEALTHCHECK');
    if (!list.some((ins) => ins.keyword === 'CMD' || ins.keyword === 'ENTRYPOINT')) problems.push('no CMD');
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------------------

describe('expandSnippet', () => {
  it('inserts defaults, mirrors, first choices and nothing for $0', () => {
    assert.equal(
      expandSnippet('FROM python:${1:3.12}-slim AS b\nFROM python:$1-slim$0'),
      'FROM python:3.12-slim AS b\nFROM python:3.12-slim',
    );
    assert.equal(expandSnippet('a ${1} b $1 c ${1:x}'), 'a x b x c x');
    assert.equal(expandSnippet('${2|slim,alpine|} and $2'), 'slim and slim');
    assert.equal(expandSnippet('${1:outer ${2:inner} end} [$2]'), 'outer inner end [inner]');
    assert.equal(expandSnippet('$3 is empty'), ' is empty');
  });

  it('keeps escaped dollars, braces and backslashes literal', () => {
    assert.equal(expandSnippet('ENV PATH="/opt/venv/bin:\\$PATH"'), 'ENV PATH="/opt/venv/bin:$PATH"');
    assert.equal(expandSnippet('FROM node:\\${NODE_VERSION}-alpine'), 'FROM node:${NODE_VERSION}-alpine');
    assert.equal(expandSnippet('${1:a\\}b}'), 'a}b');
    assert.equal(expandSnippet('RUN a \\\n  && b \\\\'), 'RUN a \\\n  && b \\');
    assert.equal(expandSnippet('${1|a\\,b,c|}'), 'a,b');
    assert.equal(expandSnippet('cost: $ 5'), 'cost: $ 5');
  });

  it('resolves variables', () => {
    assert.equal(expandSnippet('$TM_FILENAME ${UNKNOWN:fallback} $UNKNOWN'), 'Dockerfile fallback UNKNOWN');
  });

  it('rejects malformed snippets', () => {
    assert.throws(() => expandSnippet('${1:never closed'), /snippet syntax/);
    assert.throws(() => expandSnippet('${1/(.*)/$1/}'), /transforms/);
  });
});

describe('wrapBlock', () => {
  it('puts a block inside a minimal Dockerfile that runs as non-root', () => {
    assert.equal(
      wrapBlock('RUN echo hi\n'),
      'FROM debian:12-slim\nWORKDIR /app\nRUN echo hi\nUSER nobody\nCMD ["sleep", "infinity"]\n',
    );
    assert.match(wrapBlock('RUN apk add --no-cache git'), /^FROM alpine:3\.20\n/);
    assert.doesNotMatch(wrapBlock('RUN useradd app\nUSER app'), /USER nobody/);
  });
});

describe('snippets/dockerfile.json', () => {
  const snippets = loadSnippets();

  it('has ss- prefixes, unique across snippets, and whole-file and block snippets', () => {
    const seen = new Map<string, string>();
    for (const s of snippets)
      for (const p of s.prefixes) {
        assert.match(p, /^ss-[a-z0-9-]+$/, `${s.name}: prefix ${p}`);
        assert.ok(!seen.has(p), `prefix ${p} is used by ${seen.get(p)} and ${s.name}`);
        seen.set(p, s.name);
      }
    assert.ok(snippets.some((s) => s.wholeFile));
    assert.ok(snippets.some((s) => !s.wholeFile));
  });

  for (const s of snippets) {
    const label = `${s.prefixes[0]} (${s.wholeFile ? 'whole file' : 'block'})`;

    it(`${label}: whole-file snippets start a Dockerfile, blocks do not`, () => {
      const first = instructions(expandSnippet(s.body))[0];
      assert.ok(first, `${s.name}: expands to at least one instruction`);
      if (s.wholeFile) assert.match(first.keyword, /^(FROM|ARG)$/, `${s.name}: starts with FROM or ARG`);
      else assert.ok(!/^\s*FROM\s/im.test(expandSnippet(s.body)), `${s.name}: a block has no FROM`);
    });

    it(`${label}: draws no finding under any rule, hints included`, () => {
      const text = textFor(s);
      const result = new Engine().analyze({ name: 'Dockerfile', text }, defaultConfig(), host);
      assert.ok(result, 'the engine recognises the text as a Dockerfile');
      assert.deepEqual(result.internalErrors, [], `rules threw on this snippet:\n${numbered(text)}`);
      const bad = result.findings;
      assert.deepEqual(
        bad.map(
          (f) =>
            `${f.severity} ${f.ruleId} at ${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.message}`,
        ),
        [],
        `${s.name} expanded to:\n${numbered(text)}`,
      );
    });

    it(`${label}: follows the house style`, () => {
      const text = textFor(s);
      assert.deepEqual(
        houseStyleProblems(text, s.wholeFile),
        [],
        `${s.name} expanded to:\n${numbered(text)}`,
      );
    });
  }
});
