import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv from 'ajv';
import {
  escapeData,
  escapeProperty,
  format,
  xmlAttribute,
  type JsonFinding,
} from '../server/src/cli/formats';

/**
 * The CI formats: GitHub workflow commands, GitLab Code Quality and Checkstyle, checked against what their
 * consumers read: the runner's escaping (actions/runner ActionCommand), GitLab's documented report
 * fields (a JSON schema written from docs.gitlab.com "Code Quality report format" and the Code Climate
 * spec) and checkstyle's DTD (parsed by sax in strict mode, then checked element by element).
 */
const CLI = join(process.cwd(), 'server/out/cli.js');

function run(args: string[], cwd: string): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

const finding = (over: Partial<JsonFinding>): JsonFinding => ({
  file: 'Dockerfile',
  ruleId: 'dockerfile/json-args',
  severity: 'warning',
  message: 'm',
  line: 2,
  column: 5,
  endLine: 2,
  endColumn: 18,
  fixable: true,
  aliases: [],
  ...over,
});

/** The runner's reading of `::command k=v,…::data` (ActionCommand.TryParseV2), to check what we write. */
function parseWorkflowCommand(line: string): {
  command: string;
  props: Record<string, string>;
  data: string;
} {
  assert.ok(line.startsWith('::'), line);
  const end = line.indexOf('::', 2);
  assert.ok(end > 0, `no closing :: in ${line}`);
  const head = line.slice(2, end);
  const space = head.indexOf(' ');
  const command = space < 0 ? head : head.slice(0, space);
  const props: Record<string, string> = {};
  const unescapeProperty = (s: string) =>
    s
      .replaceAll('%0D', '\r')
      .replaceAll('%0A', '\n')
      .replaceAll('%3A', ':')
      .replaceAll('%2C', ',')
      .replaceAll('%25', '%');
  if (space >= 0)
    for (const pair of head.slice(space + 1).split(',')) {
      const eq = pair.indexOf('=');
      assert.ok(eq > 0, `property without = in ${line}`);
      props[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
  const data = line
    .slice(end + 2)
    .replaceAll('%0D', '\r')
    .replaceAll('%0A', '\n')
    .replaceAll('%25', '%');
  return { command, props, data };
}

describe('--format github', () => {
  const cases: [string, Partial<JsonFinding>, string][] = [
    [
      'a warning',
      {},
      '::warning file=Dockerfile,line=2,col=5,endLine=2,endColumn=18,title=dockerfile/json-args::m\n',
    ],
    [
      'an error',
      { severity: 'error' },
      '::error file=Dockerfile,line=2,col=5,endLine=2,endColumn=18,title=dockerfile/json-args::m\n',
    ],
    [
      'info and hint are notices',
      { severity: 'hint' },
      '::notice file=Dockerfile,line=2,col=5,endLine=2,endColumn=18,title=dockerfile/json-args::m\n',
    ],
    [
      'data: %, CR and LF escaped, : and , kept',
      { message: '100% of a:b,c\r\nnext' },
      '::warning file=Dockerfile,line=2,col=5,endLine=2,endColumn=18,title=dockerfile/json-args::100%25 of a:b,c%0D%0Anext\n',
    ],
    [
      'properties: : and , escaped too; Windows separators become /',
      { file: 'a,b\\c:d%.yaml' },
      '::warning file=a%2Cb/c%3Ad%25.yaml,line=2,col=5,endLine=2,endColumn=18,title=dockerfile/json-args::m\n',
    ],
  ];
  for (const [name, over, expected] of cases)
    it(name, () => {
      const out = format('github', [finding(over)]);
      assert.equal(
        out,
        expected + '1 problem (' + (over.severity === 'error' ? '1 error' : '0 errors') + ')\n',
      );
    });

  it('round-trips through the runner’s parser', () => {
    const f = finding({ file: 'x,y:z%/Dockerfile', message: 'a%0A::b,c:d\r\n%' });
    const line = format('github', [f]).split('\n')[0] as string;
    const c = parseWorkflowCommand(line);
    assert.equal(c.command, 'warning');
    assert.deepEqual(c.props, {
      file: f.file,
      line: '2',
      col: '5',
      endLine: '2',
      endColumn: '18',
      title: f.ruleId,
    });
    assert.equal(c.data, f.message);
  });

  it('escapes % first, so an escaped sequence in the text stays text', () => {
    assert.equal(escapeData('%0A'), '%250A');
    assert.equal(escapeProperty('%2C,'), '%252C%2C');
  });
});

/** GitLab's Code Quality report, written from its documentation: what GitLab reads must be there. */
const CODE_QUALITY_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
    properties: {
      type: { const: 'issue' },
      description: { type: 'string', minLength: 1 },
      check_name: { type: 'string', minLength: 1 },
      fingerprint: { type: 'string', pattern: '^[0-9a-f]{32}$' },
      severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
      location: {
        type: 'object',
        required: ['path', 'lines'],
        properties: {
          path: { type: 'string', minLength: 1, not: { pattern: '^(/|\\./|[A-Za-z]:)|\\\\' } },
          lines: {
            type: 'object',
            required: ['begin'],
            properties: { begin: { type: 'integer', minimum: 1 }, end: { type: 'integer', minimum: 1 } },
            additionalProperties: false,
          },
        },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  },
};

describe('--format codeclimate', () => {
  it('maps severities and locations', () => {
    const report = JSON.parse(
      format('codeclimate', [
        finding({ severity: 'error', file: 'sub\\Dockerfile', line: 3, endLine: 4 }),
        finding({ severity: 'warning' }),
        finding({ severity: 'info' }),
        finding({ severity: 'hint' }),
      ]),
    ) as { severity: string; location: unknown }[];
    assert.deepEqual(
      report.map((r) => r.severity),
      ['major', 'minor', 'info', 'info'],
    );
    assert.deepEqual(report[0]?.location, { path: 'sub/Dockerfile', lines: { begin: 3, end: 4 } });
  });

  it('fingerprints name the finding, not its line, and tell repeated findings apart', () => {
    const a = finding({ line: 2, endLine: 2 });
    const moved = finding({ line: 9, endLine: 9 });
    const fp = (fs: JsonFinding[]) =>
      (JSON.parse(format('codeclimate', fs)) as { fingerprint: string }[]).map((r) => r.fingerprint);
    assert.deepEqual(fp([a]), fp([moved]));
    const [one, two] = fp([a, a]);
    assert.notEqual(one, two);
    assert.notDeepEqual(fp([a]), fp([finding({ message: 'other' })]));
  });
});

describe('--format checkstyle', () => {
  it('escapes markup and replaces characters XML 1.0 cannot carry', () => {
    assert.equal(xmlAttribute(`a<b>&"c'`), 'a&lt;b&gt;&amp;&quot;c&apos;');
    assert.equal(xmlAttribute('tab\tline\nx\u0001y\uFFFEz'), 'tab&#9;line&#10;x\uFFFDy\uFFFDz');
    assert.equal(xmlAttribute('pair \uD83D\uDE00 lone \uD800.'), 'pair \uD83D\uDE00 lone \uFFFD.');
  });
});

describe('CI formats from the CLI, validated', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-formats-'));
    // Errors (a stage that does not exist, a port above 65535), warnings, and a path with a comma.
    mkdirSync(join(dir, 'a,b'));
    writeFileSync(
      join(dir, 'a,b', 'Dockerfile'),
      'FROM ubuntu AS x\nCOPY --from=7 /a /b\nRUN apt-get install curl\n',
    );
    writeFileSync(
      join(dir, 'compose.yaml'),
      'services:\n  web:\n    image: nginx:latest\n    ports:\n      - "99999:80"\n',
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('codeclimate: valid against the Code Quality schema, stable across runs, same findings as JSON', () => {
    const json = JSON.parse(run(['lint', '--format', 'json', '.'], dir).out) as JsonFinding[];
    const first = run(['lint', '--format', 'codeclimate', '.'], dir);
    const second = run(['lint', '--format', 'codeclimate', '.'], dir);
    assert.equal(first.code, 1, first.err);
    assert.equal(first.out, second.out);
    const report = JSON.parse(first.out) as { check_name: string; location: { path: string } }[];
    const ajv = new Ajv({ allErrors: true });
    const validate = ajv.compile(CODE_QUALITY_SCHEMA);
    assert.ok(validate(report), ajv.errorsText(validate.errors));
    assert.deepEqual(
      report.map((r) => `${r.location.path} ${r.check_name}`),
      json.map((f) => `${f.file} ${f.ruleId}`),
    );
  });

  it('checkstyle: well-formed XML that follows checkstyle’s DTD', () => {
    const r = run(['lint', '--format', 'checkstyle', '.'], dir);
    assert.equal(r.code, 1, r.err);
    const json = JSON.parse(run(['lint', '--format', 'json', '.'], dir).out) as JsonFinding[];
    // sax (strict) is what xml2js builds on; it throws on anything that is not well-formed XML.
    const sax = createRequire(import.meta.url)('sax') as {
      parser(strict: boolean): {
        onopentag: (n: { name: string; attributes: Record<string, string> }) => void;
        onclosetag: (name: string) => void;
        onerror: (e: Error) => void;
        write(s: string): { close(): void };
      };
    };
    const p = sax.parser(true);
    const stack: string[] = [];
    const errors: {
      file: string;
      line: string;
      column: string;
      severity: string;
      message: string;
      source: string;
    }[] = [];
    const ATTRS: Record<string, string[]> = {
      checkstyle: ['version'],
      file: ['name'],
      error: ['line', 'column', 'severity', 'message', 'source'],
    };
    let file = '';
    p.onerror = (e) => assert.fail(e);
    p.onopentag = (n) => {
      const parent = stack.at(-1);
      const allowedParent: Record<string, string | undefined> = {
        checkstyle: undefined,
        file: 'checkstyle',
        error: 'file',
      };
      assert.ok(n.name in allowedParent, `unknown element ${n.name}`);
      assert.equal(parent, allowedParent[n.name], `${n.name} inside ${parent}`);
      for (const a of Object.keys(n.attributes)) assert.ok(ATTRS[n.name]?.includes(a), `${n.name}@${a}`);
      if (n.name === 'file') file = n.attributes.name as string;
      if (n.name === 'error') {
        assert.match(n.attributes.severity as string, /^(ignore|info|warning|error)$/);
        assert.match(n.attributes.line as string, /^[1-9]\d*$/);
        errors.push({ file, ...(n.attributes as Omit<(typeof errors)[number], 'file'>) });
      }
      stack.push(n.name);
    };
    p.onclosetag = () => stack.pop();
    p.write(r.out).close();
    assert.deepEqual(
      errors.map((e) => [e.file, Number(e.line), Number(e.column), e.source, e.message]),
      json.map((f) => [f.file, f.line, f.column, f.ruleId, f.message]),
    );
  });

  it('github: one workflow command per finding, then the summary', () => {
    const r = run(['lint', '--format', 'github', '.'], dir);
    assert.equal(r.code, 1, r.err);
    const json = JSON.parse(run(['lint', '--format', 'json', '.'], dir).out) as JsonFinding[];
    const lines = r.out.trimEnd().split('\n');
    assert.equal(
      lines.pop(),
      `${json.length} problems (${json.filter((f) => f.severity === 'error').length} error${json.filter((f) => f.severity === 'error').length === 1 ? '' : 's'})`,
    );
    assert.deepEqual(
      lines.map((l) => {
        const c = parseWorkflowCommand(l);
        return [c.props.file, Number(c.props.line), c.props.title, c.data];
      }),
      json.map((f) => [f.file, f.line, f.ruleId, f.message]),
    );
  });
});

describe('--max-warnings', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-maxwarn-'));
    // Two warnings (no tag on the base image, runs as root), no error.
    writeFileSync(join(dir, 'Dockerfile'), 'FROM ubuntu\nCMD ["true"]\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('counts warnings only and exits 1 above the limit, like ESLint', () => {
    const json = JSON.parse(run(['lint', '--format', 'json', 'Dockerfile'], dir).out) as JsonFinding[];
    const warnings = json.filter((f) => f.severity === 'warning').length;
    assert.ok(warnings >= 1 && json.every((f) => f.severity !== 'error'));
    const cases: [string, number, RegExp | null][] = [
      [String(warnings), 0, null],
      [
        String(warnings - 1),
        1,
        new RegExp(`too many warnings \\(${warnings}\\); at most ${warnings - 1} allowed`),
      ],
    ];
    for (const [max, code, err] of cases) {
      const r = run(['lint', '--max-warnings', max, 'Dockerfile'], dir);
      assert.equal(r.code, code, `--max-warnings ${max}: ${r.err}`);
      if (err) assert.match(r.err, err);
      else assert.equal(r.err, '');
    }
  });

  it('rejects a value that is not a whole number', () => {
    for (const bad of ['-1', 'x', '1.5'])
      assert.equal(run(['lint', '--max-warnings', bad, 'Dockerfile'], dir).code, 2);
  });
});
