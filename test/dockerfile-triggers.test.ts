import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig, type Config } from '../server/src/core/config';
import { rules } from '../server/src/rules';
import { Engine } from '../server/src/engine';
import { fixAll } from '../server/src/fix-all';
import { createParseCache, parseDockerfile, type DInstruction } from '../server/src/languages/dockerfile';
import { triggerView } from '../server/src/languages/dockerfile/triggers';
import addInsteadOfCopy from '../server/src/rules/dockerfile/add-instead-of-copy';
import apkNoCache from '../server/src/rules/dockerfile/apk-no-cache';
import aptGetYes from '../server/src/rules/dockerfile/apt-get-yes';
import aptNoInstallRecommends from '../server/src/rules/dockerfile/apt-no-install-recommends';
import copyFromUndefinedStage from '../server/src/rules/dockerfile/copy-from-undefined-stage';
import consecutiveRun from '../server/src/rules/dockerfile/consecutive-run';
import pipNoCacheDir from '../server/src/rules/dockerfile/pip-no-cache-dir';
import pipeWithoutPipefail from '../server/src/rules/dockerfile/pipe-without-pipefail';
import tlsVerificationDisabled from '../server/src/rules/dockerfile/tls-verification-disabled';
import workdirAbsolute from '../server/src/rules/dockerfile/workdir-absolute';
import { fmtRange, testRule } from './helpers/rule-tester';

/**
 * ONBUILD triggers are linted as the instructions they are (issue 10): the rules that declare
 * `instructionLocal` judge each trigger in a view of its stage (languages/dockerfile/triggers.ts), with
 * findings and fixes on the trigger's own text; stage-structural rules never see triggers.
 */

const onbuilds = (text: string): DInstruction[] =>
  parseDockerfile(text).instructions.filter((i) => i.keyword === 'ONBUILD');

function trigger(text: string, n = 0): DInstruction {
  const t = onbuilds(text)[n]?.trigger;
  assert.ok(t, 'the ONBUILD has a trigger');
  return t;
}

describe('the model reads ONBUILD triggers as instructions', () => {
  const cases: { name: string; text: string; keyword: string; range: string; commands: string[] }[] = [
    {
      name: 'RUN with flags',
      text: 'FROM debian:12\nONBUILD RUN --mount=type=cache,target=/var/cache/apt apt-get install -y curl\n',
      keyword: 'RUN',
      range: '1:8-1:76',
      commands: ['apt-get install -y curl'],
    },
    {
      name: 'continuation lines',
      text: 'FROM debian:12\nONBUILD RUN apt-get update && \\\n    apt-get install -y curl\n',
      keyword: 'RUN',
      range: '1:8-2:27',
      commands: ['apt-get update', 'apt-get install -y curl'],
    },
    {
      name: 'a heredoc is the script',
      text: 'FROM debian:12\nONBUILD RUN <<EOF\napt-get update\napt-get install -y curl\nEOF\nUSER 1\n',
      keyword: 'RUN',
      range: '1:8-4:3',
      commands: ['apt-get update', 'apt-get install -y curl'],
    },
    {
      name: 'the escape directive',
      text: '# escape=`\nFROM debian:12\nonbuild run apt-get install `\n    curl\n',
      keyword: 'RUN',
      range: '2:8-3:8',
      commands: ['apt-get install curl'],
    },
    {
      name: 'COPY',
      text: 'FROM node:22\nONBUILD COPY . /app\n',
      keyword: 'COPY',
      range: '1:8-1:19',
      commands: [],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const t = trigger(c.text);
      assert.equal(t.keyword, c.keyword);
      assert.equal(fmtRange(t.range), c.range);
      const words = (t.shell?.commands ?? []).map((cmd) => cmd.words.map((w) => w.value).join(' '));
      assert.deepEqual(words, c.commands);
    });

  it('an ONBUILD without a trigger, and nested ONBUILD triggers, are not read further', () => {
    assert.equal(onbuilds('FROM alpine:3.20\nONBUILD\n')[0]?.trigger ?? null, null);
    const nested = trigger('FROM alpine:3.20\nONBUILD ONBUILD RUN apt-get install curl\n');
    assert.equal(nested.keyword, 'ONBUILD');
    assert.equal(nested.trigger, undefined);
  });

  it('a trigger heredoc whose body starts lines with keywords stays one instruction past a chunk boundary', () => {
    const body = Array.from({ length: 40 }, (_, i) => (i % 2 ? `RUN step ${i}` : `echo ${i}`)).join('\n');
    const text = `FROM debian:12\nONBUILD RUN <<EOF\n${body}\nEOF\nUSER 1\n`;
    const model = parseDockerfile(text);
    assert.deepEqual(
      model.instructions.map((i) => i.keyword),
      ['FROM', 'ONBUILD', 'USER'],
    );
    assert.equal(model.instructions[1]?.trigger?.heredocs[0]?.content.split('\n').length, 40);
  });

  it('trigger positions move with the incremental parse like the others', () => {
    const filler = Array.from({ length: 30 }, (_, i) => `RUN echo ${i}`).join('\n');
    const tail = 'ONBUILD RUN apt-get install \\\n    curl\n';
    const cache = createParseCache();
    parseDockerfile(`FROM debian:12\n${filler}\n${tail}`, cache);
    const edited = `FROM debian:12\n# a new comment line\n${filler.replace('echo 0', 'echo zero')}\n${tail}`;
    const warm = parseDockerfile(edited, cache);
    const cold = parseDockerfile(edited);
    const of = (m: typeof warm): unknown => {
      const t = m.instructions.find((i) => i.keyword === 'ONBUILD')?.trigger;
      return [t && fmtRange(t.range), t?.shell?.commands.map((c) => [c.start, c.end, fmtRange(c.range)])];
    };
    assert.deepEqual(of(warm), of(cold));
  });

  it('the view is built once per model, and not at all without triggers', () => {
    const model = parseDockerfile('FROM debian:12\nONBUILD RUN apt-get install curl\n');
    assert.equal(triggerView(model), triggerView(model));
    assert.equal(triggerView(parseDockerfile('FROM debian:12\nRUN true\n')), null);
  });
});

// Rule tables: testRule runs the instruction-local rules over the triggers as the engine does.

testRule(aptGetYes, {
  valid: ['FROM debian:12\nONBUILD RUN apt-get install -y curl'],
  invalid: [
    {
      name: 'on the trigger, fixed in the trigger',
      code: `
FROM debian:12
ONBUILD RUN apt-get install curl
            ~~~~~~~~~~~~~~~`,
      output: 'FROM debian:12\nONBUILD RUN apt-get install -y curl',
    },
    {
      name: 'CRLF and continuation lines',
      code: 'FROM debian:12\r\nONBUILD RUN apt-get update && \\\r\n    apt-get install curl\r\n',
      ranges: ['2:4-2:19'],
      output: 'FROM debian:12\r\nONBUILD RUN apt-get update && \\\r\n    apt-get install -y curl\r\n',
    },
    {
      name: 'the escape directive',
      code: '# escape=`\nFROM debian:12\nONBUILD RUN apt-get update; `\n    apt-get install curl\n',
      ranges: ['3:4-3:19'],
      output: '# escape=`\nFROM debian:12\nONBUILD RUN apt-get update; `\n    apt-get install -y curl\n',
    },
  ],
});

const THIRTY_RUNS = Array.from({ length: 30 }, (_, i) => `RUN echo ${i}\n`).join('');

testRule(aptGetYes, {
  valid: [],
  invalid: [
    {
      name: 'a trigger in a later chunk of a file with the backtick escape (its chunk gets the directive again)',
      code: `# escape=\`\nFROM debian:12\n${THIRTY_RUNS}ONBUILD RUN apt-get update; \`\n    apt-get install curl\n`,
      ranges: ['33:4-33:19'],
      output: `# escape=\`\nFROM debian:12\n${THIRTY_RUNS}ONBUILD RUN apt-get update; \`\n    apt-get install -y curl\n`,
    },
  ],
});

testRule(apkNoCache, {
  valid: [
    {
      name: 'a builder stage no stage is built FROM never runs its triggers',
      code: 'FROM alpine:3.20 AS tools\nONBUILD RUN apk add curl\nFROM alpine:3.20\nUSER 1',
    },
  ],
  invalid: [
    {
      name: 'a heredoc trigger',
      code: `
FROM alpine:3.20
ONBUILD RUN <<EOF
apk add curl
~~~~~~~
EOF`,
      output: 'FROM alpine:3.20\nONBUILD RUN <<EOF\napk add --no-cache curl\nEOF',
    },
    {
      name: 'a stage the final stage is built FROM runs its triggers in the final stage',
      code: `
FROM alpine:3.20 AS base
ONBUILD RUN apk add curl
            ~~~~~~~
FROM base`,
      output: 'FROM alpine:3.20 AS base\nONBUILD RUN apk add --no-cache curl\nFROM base',
    },
  ],
});

testRule(aptNoInstallRecommends, {
  valid: [],
  invalid: [
    {
      name: 'a cache mount on the trigger',
      code: `
FROM debian:12
ONBUILD RUN --mount=type=cache,target=/var/cache/apt apt-get install -y curl
                                                     ~~~~~~~~~~~~~~~`,
      output:
        'FROM debian:12\nONBUILD RUN --mount=type=cache,target=/var/cache/apt apt-get install --no-install-recommends -y curl',
    },
  ],
});

testRule(pipeWithoutPipefail, {
  valid: [
    {
      name: 'a SHELL with pipefail before the trigger is carried into the child build',
      code: 'FROM alpine:3.20\nSHELL ["/bin/ash", "-o", "pipefail", "-c"]\nONBUILD RUN wget -qO- https://x | tar xz',
    },
  ],
  invalid: [
    {
      code: `
FROM alpine:3.20
ONBUILD RUN wget -qO- https://example.com/a.tgz | tar xz
            ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~`,
      output: 'FROM alpine:3.20\nONBUILD RUN set -o pipefail && wget -qO- https://example.com/a.tgz | tar xz',
    },
  ],
});

testRule(pipNoCacheDir, {
  valid: [],
  invalid: [
    {
      code: `
FROM python:3.12-slim
ONBUILD COPY requirements.txt .
ONBUILD RUN pip install -r requirements.txt
            ~~~~~~~~~~~`,
    },
  ],
});

testRule(tlsVerificationDisabled, {
  valid: [],
  invalid: [
    {
      name: 'ENV and RUN triggers, and the stage ENV reported once',
      code: `
FROM debian:12
ENV GIT_SSL_NO_VERIFY=1
    ~~~~~~~~~~~~~~~~~
ONBUILD ENV NODE_TLS_REJECT_UNAUTHORIZED=0
            ~~~~~~~~~~~~~~~~~~~~~~~~~~~~
ONBUILD RUN curl -k https://example.com
                 ~~`,
      output: null,
    },
  ],
});

testRule(addInsteadOfCopy, {
  valid: ['FROM node:22\nONBUILD ADD app.tar.gz /app/'],
  invalid: [
    {
      code: `
FROM node:22
onbuild add . /app
        ~~~`,
      output: 'FROM node:22\nonbuild copy . /app',
    },
  ],
});

// Stage-structural rules: a trigger runs in another build and is no step of this stage.

testRule(copyFromUndefinedStage, {
  valid: [
    {
      name: 'a trigger names a stage of the child build',
      code: 'FROM golang:1.23\nONBUILD COPY --from=build /out/app /app',
    },
  ],
  invalid: [],
});

testRule(workdirAbsolute, {
  valid: [{ name: 'the child decides its WORKDIR', code: 'FROM node:22\nONBUILD WORKDIR app' }],
  invalid: [],
});

testRule(consecutiveRun, {
  valid: [
    {
      name: 'triggers are not RUNs of the stage',
      code: 'FROM debian:12\nONBUILD RUN a\nONBUILD RUN b\nRUN c',
    },
  ],
  invalid: [],
});

describe('the engine', () => {
  const analyze = (text: string, config: Partial<Config> = {}, syntaxOnly = false): string[] =>
    (
      new Engine().analyze(
        { name: 'Dockerfile', text },
        { ...defaultConfig(), ...config },
        { exists: () => undefined },
        { syntaxOnly },
      )?.findings ?? []
    ).map((f) => `${fmtRange(f.range)} ${f.ruleId}`);

  const FILE = 'FROM debian:12\nUSER 1000\nONBUILD RUN apt-get install -y --no-install-recommends curl\n';

  it('reports on triggers, in document order with the other findings', () => {
    // A trigger that does everything right draws nothing.
    assert.deepEqual(
      analyze(FILE).filter((f) => f.startsWith('2:')),
      [],
    );
    const apt = analyze('FROM debian:12\nONBUILD RUN apt-get install curl\nUSER 1000\n');
    assert.deepEqual(
      apt.filter((f) => f.startsWith('1:')),
      ['1:12-1:27 dockerfile/apt-get-yes', '1:12-1:27 dockerfile/apt-no-install-recommends'],
    );
  });

  it('suppression comments and configuration apply to trigger findings', () => {
    const text =
      'FROM debian:12\n# hadolint ignore=DL3014\nONBUILD RUN apt-get install --no-install-recommends curl\nUSER 1\n';
    assert.deepEqual(
      analyze(text).filter((f) => f.includes('apt-get-yes')),
      [],
    );
    const plain = 'FROM debian:12\nONBUILD RUN apt-get install --no-install-recommends curl\nUSER 1\n';
    assert.deepEqual(
      analyze(plain, { rules: { 'dockerfile/apt-get-yes': 'off' } }).filter((f) => f.includes('apt-get-yes')),
      [],
    );
  });

  it('bad triggers: errors where BuildKit refuses them while building this image, warnings where it reads them later', () => {
    const text = [
      'FROM debian:12',
      'ONBUILD ONBUILD RUN apt-get install curl',
      'ONBUILD FROM alpine',
      'ONBUILD MAINTAINER me',
      'ONBUILD ENV PATH',
      'ONBUILD FOO bar',
      'ONBUILD COPY a',
      'ONBUILD LABEL a',
      'USER 1000',
      '',
    ].join('\n');
    const result = new Engine().analyze({ name: 'Dockerfile', text }, defaultConfig(), {
      exists: () => undefined,
    });
    assert.deepEqual(
      result?.findings
        .filter((f) => f.severity === 'error' || f.ruleId === 'dockerfile/onbuild-trigger-invalid')
        .map((f) => `${fmtRange(f.range)} ${f.severity} ${f.ruleId} ${f.message}`),
      [
        "1:8-1:15 error dockerfile/syntax-error Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed",
        "2:8-2:12 error dockerfile/syntax-error FROM isn't allowed as an ONBUILD trigger",
        "3:8-3:18 error dockerfile/syntax-error MAINTAINER isn't allowed as an ONBUILD trigger",
        '4:12-4:16 error dockerfile/syntax-error ENV must have two arguments',
        '5:8-5:11 warning dockerfile/onbuild-trigger-invalid This trigger fails every build FROM this image, where BuildKit reads it: Unknown instruction: FOO',
        '6:13-6:14 warning dockerfile/onbuild-trigger-invalid This trigger fails every build FROM this image, where BuildKit reads it: COPY requires at least two arguments',
        '7:14-7:15 error dockerfile/syntax-error LABEL must have two arguments',
      ],
    );
    // The RUN inside a chained ONBUILD is not judged: the file does not build.
    assert.deepEqual(
      result?.findings.filter((f) => f.range.start.line === 1).map((f) => f.ruleId),
      ['dockerfile/syntax-error'],
    );
  });

  it('the syntax-only analysis of big files leaves triggers alone', () => {
    assert.deepEqual(analyze('FROM debian:12\nONBUILD RUN apt-get install curl\n', {}, true), []);
  });

  it('build arguments of the parent do not reach the trigger: values only an ARG gives are unknown', () => {
    const found = analyze('FROM debian:12\nARG OPTS=-y\nONBUILD RUN apt-get install $OPTS curl\nUSER 1\n');
    assert.deepEqual(
      found.filter((f) => f.includes('apt-get-yes')),
      [],
    );
  });

  it('fix-all fixes triggers', () => {
    const text = 'FROM node:22\nONBUILD ADD . /app\nONBUILD RUN apt-get install curl\nUSER node\n';
    const out = fixAll(new Engine(), { name: 'Dockerfile', text }, defaultConfig(), {
      exists: () => undefined,
    });
    assert.equal(
      out.text,
      'FROM node:22\nONBUILD COPY . /app\nONBUILD RUN apt-get install -y curl\nUSER node\n',
    );
  });

  it('only rules that judge one instruction declare instructionLocal', () => {
    const structural = [
      'dockerfile/no-root-user',
      'dockerfile/missing-healthcheck',
      'dockerfile/workdir-absolute',
      'dockerfile/consecutive-run',
      'dockerfile/copy-before-install',
      'dockerfile/copy-from-undefined-stage',
      'dockerfile/copy-ignored-file',
      'dockerfile/apt-update-separate',
      'dockerfile/multiple-instructions',
      'dockerfile/undefined-var',
      'dockerfile/syntax-error',
    ];
    for (const id of structural) assert.notEqual(rules.find((r) => r.id === id)?.instructionLocal, true, id);
  });
});
