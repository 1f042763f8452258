import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig } from '../server/src/core/config';
import { Engine } from '../server/src/engine';

/**
 * Errors are only for Dockerfiles BuildKit rejects. Each case lists every error-level finding of the whole
 * engine as `line:column ruleId message` (1-based), so a new false error anywhere in the file fails here.
 */
function errors(text: string): string[] {
  const result = new Engine().analyze({ name: 'Dockerfile', text }, defaultConfig(), {
    fileName: 'Dockerfile',
    exists: () => undefined,
  });
  assert.ok(result);
  assert.deepEqual(result.internalErrors, []);
  return result.findings
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId} ${f.message}`);
}

function severities(text: string, ruleId: string): string[] {
  const result = new Engine().analyze({ name: 'Dockerfile', text }, defaultConfig(), {
    fileName: 'Dockerfile',
    exists: () => undefined,
  });
  return (result?.findings ?? []).filter((f) => f.ruleId === ruleId).map((f) => f.severity);
}

const lines = (n: number, f: (i: number) => string): string =>
  Array.from({ length: n }, (_, i) => f(i)).join('\n') + '\n';
const LICENCE = lines(20, (i) => `# Licensed under the Apache License, Version 2.0 (line ${i + 1})`);
const GLOBAL_ARGS = lines(30, (i) => `ARG VERSION_${i}=1.${i}`);

const cases: { name: string; text: string; errors: string[] }[] = [
  {
    name: 'the first FROM on line 51, after a licence header and global ARGs',
    text: `${LICENCE}${GLOBAL_ARGS}FROM alpine:3.20\nRUN echo hi\n`,
    errors: [],
  },
  {
    name: 'a FROM in a later chunk uses a global ARG declared in the first one',
    text: `${GLOBAL_ARGS}ARG BASE=alpine:3.20\nFROM \${BASE} AS base\nRUN echo hi\nFROM \${VERSION_0}\n`,
    errors: [],
  },
  {
    name: 'a base name that is an undeclared variable, far down the file',
    text: `${GLOBAL_ARGS}FROM \${MISSING}\n`,
    errors: ['31:6 dockerfile/syntax-error base name (${MISSING}) should not be blank'],
  },
  {
    name: 'defaults and predefined platform arguments give a base name',
    text: `${GLOBAL_ARGS}FROM \${BASE:-alpine:3.20}\nFROM \${TARGETARCH}\n`,
    errors: [],
  },
  {
    name: 'an instruction before any FROM, after the first chunk',
    text: `${GLOBAL_ARGS}RUN echo hi\nFROM alpine:3.20\n`,
    errors: ['31:1 dockerfile/syntax-error No source image provided with `FROM`'],
  },
  {
    name: 'global ARGs and no FROM at all',
    text: GLOBAL_ARGS,
    errors: ['1:1 dockerfile/syntax-error No source image provided with `FROM`'],
  },
  {
    name: 'several sources into `.`, a quoted directory, and a path BuildKit creates',
    text: 'FROM golang:1.22\nWORKDIR /src\nCOPY go.mod go.sum .\nCOPY a b "/dst/"\nCOPY a b /dest\nADD a b ..\n',
    errors: [],
  },
  {
    name: 'a duplicate stage name is a BuildKit check warning, not an error',
    text: 'FROM alpine:3.20 AS x\nFROM alpine:3.20 AS x\n',
    errors: [],
  },
  {
    name: 'an invalid stage name far down the file',
    text: `${GLOBAL_ARGS}FROM alpine:3.20 AS 1st\n`,
    errors: [
      `31:21 dockerfile/syntax-error invalid name for build stage: "1st", name can't start with a number or contain symbols`,
    ],
  },
  {
    name: 'a long stage name ending in a symbol is reported at once (no exponential backtracking)',
    text: `FROM golang:1.22 AS ${'x'.repeat(60)}$\nRUN go build\n`,
    errors: [
      `1:21 dockerfile/syntax-error invalid name for build stage: "${'x'.repeat(60)}$", name can't start with a number or contain symbols`,
    ],
  },
  {
    name: 'a stage name continued on the next line is one word',
    text: 'FROM alpine:3.20 AS bu\\\nild\nFROM build\n',
    errors: [],
  },
  {
    name: "an instruction dockerfile-ast's heredoc reader throws on costs only its own findings",
    text: 'FROM alpine:3.20\nRUN echo a \\\n  \\#x\nRUN true\nHEALTHCHECK --interval=abc CMD true\n',
    errors: ['5:24 dockerfile/syntax-error time: invalid duration abc'],
  },
  {
    name: 'instructions BuildKit accepts although the validator did not',
    text:
      `${GLOBAL_ARGS}ARG SIG=SIGTERM\nFROM alpine:3.20\nENTRYPOINT\nCMD\nSTOPSIGNAL TERM\nSTOPSIGNAL sigkill\n` +
      'STOPSIGNAL SIGRTMIN+3\nSTOPSIGNAL $SIG\nHEALTHCHECK --interval=0 --timeout=+5s --start-period=1h30m CMD true\n' +
      `LABEL a='x'y\nENV b="x"y c=\\"d\n`,
    errors: [],
  },
  {
    name: 'bad signals, durations and quotes BuildKit rejects',
    text:
      'FROM alpine:3.20\nSTOPSIGNAL SIGFOO\nSTOPSIGNAL 0\nHEALTHCHECK --interval=5 CMD true\n' +
      'HEALTHCHECK --timeout=1d CMD true\nENV a="x\n',
    errors: [
      '2:12 dockerfile/syntax-error Invalid signal: SIGFOO',
      '3:12 dockerfile/syntax-error Invalid signal: 0',
      '4:24 dockerfile/syntax-error time: missing unit in duration 5',
      '5:23 dockerfile/syntax-error time: unknown unit d in duration 1d',
      '6:7 dockerfile/syntax-error failed to process ""x": unexpected end of statement while looking for matching double-quote',
    ],
  },
  {
    name: 'copying from a stage defined further down fails in BuildKit (dispatchStages runs in file order)',
    text: 'FROM alpine:3.20\nCOPY --from=later /a /a\nFROM alpine:3.20 AS later\n',
    errors: [
      "2:13 dockerfile/copy-from-undefined-stage Stage 'later' is defined further down the file, and a stage can only use stages defined before it: the build fails, so define the stage first.",
    ],
  },
  {
    name: 'errors BuildKit raises are still errors',
    text: 'FROM alpine:3.20\nCOPPY . /app\nONBUILD ONBUILD RUN x\nSHELL /bin/sh -c\nLABEL version\nENV PATH\n',
    errors: [
      '2:1 dockerfile/syntax-error Unknown instruction: COPPY',
      "3:9 dockerfile/syntax-error Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed",
      '4:7 dockerfile/syntax-error SHELL requires the arguments to be in JSON form',
      '5:7 dockerfile/syntax-error LABEL must have two arguments',
      '6:5 dockerfile/syntax-error ENV must have two arguments',
    ],
  },
];

describe('Dockerfile builder errors match BuildKit', () => {
  for (const c of cases)
    it(c.name, { timeout: 20_000 }, () => {
      assert.deepEqual(errors(c.text), c.errors);
    });

  it('duplicate-stage-name reports at warning severity, as BuildKit does', () => {
    assert.deepEqual(
      severities('FROM alpine:3.20 AS x\nFROM alpine:3.20 AS X\n', 'dockerfile/duplicate-stage-name'),
      ['warning'],
    );
  });
});

/**
 * Inputs whose cost was quadratic: minutes and 1.4 GB at 100,000 lines (8,000 lines took 2.6 s, so 40,000
 * would take over a minute). Linear, 40,000 lines take a few seconds (half a minute on a machine shared by
 * a dozen busy processes); a quadratic pass anywhere (parse, chunk merging, a rule scanning the rest of a
 * script per command) takes minutes and hits the one-minute timeout. The
 * CLI runs in a child process so that the timeout can stop it. The commands are ones rules look at.
 */
const BIG = 40_000;
const COMMANDS = ['apk add gcc', 'apt-get purge -y gcc', 'pip install flask', 'cd /app', 'rm -rf /tmp/x'];
const command = (i: number): string => COMMANDS[i % COMMANDS.length] as string;
const big: { name: string; text: string }[] = [
  { name: 'one RUN with 40,000 continuation lines', text: `FROM python:3.12\nRUN true \\\n${lines(BIG, (i) => `  && ${command(i)} \\`)}  && true\n` },
  { name: 'an unterminated heredoc before 40,000 lines', text: `FROM python:3.12\nRUN <<EOF\n${lines(BIG, (i) => (i % 7 ? command(i) : 'RUN echo hi'))}` },
]; // prettier-ignore

describe('Dockerfile analysis stays linear', () => {
  for (const c of big)
    it(c.name, { timeout: 60_000 }, async (t) => {
      const child = spawn(process.execPath, [join('server/out/cli.js'), 'lint', '--format', 'json', '--stdin-filename', 'Dockerfile', '-'], {
        signal: t.signal,
        stdio: ['pipe', 'pipe', 'inherit'],
      }); // prettier-ignore
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stdin.end(c.text);
      const code = await new Promise<number | null>((resolve) => {
        child.on('close', resolve);
        child.on('error', () => resolve(null));
      });
      assert.notEqual(code, 2, 'the CLI failed');
      assert.ok(Array.isArray(JSON.parse(out)));
    });
});
