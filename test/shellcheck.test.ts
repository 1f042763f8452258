import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../server/src/core/config';
import { parseDockerfile } from '../server/src/languages/dockerfile';
import {
  findShellcheck,
  runShellcheckSync,
  shellcheckInput,
  shellcheckResults,
  type ShellcheckComment,
} from '../server/src/shellcheck';
import { runScripts } from '../server/src/shellcheck/scripts';
import { fmtRange } from './helpers/rule-tester';

const comment = (line: number, column: number, endLine: number, endColumn: number): ShellcheckComment => ({
  line,
  column,
  endLine,
  endColumn,
  level: 'info',
  code: 2086,
  message: 'Double quote to prevent globbing and word splitting.',
});

describe('ShellCheck: RUN bodies as the shell receives them', () => {
  const cases: { name: string; text: string; scripts: { dialect: string | null; text: string }[] }[] = [
    { name: 'one line', text: 'FROM alpine\nRUN echo $A', scripts: [{ dialect: 'sh', text: 'echo $A' }] },
    {
      name: 'continuations are joined without the escape and the break; comments and blank lines inside are dropped',
      text: 'FROM alpine\nRUN --mount=type=cache,target=/c apk add curl \\\n# why\n\n    && echo $A  \\  \n  && true',
      scripts: [{ dialect: 'sh', text: 'apk add curl     && echo $A    && true' }],
    },
    {
      name: 'escape=` joins on the backtick and keeps backslashes',
      text: '# escape=`\nFROM alpine\nRUN echo a\\b `\n  $A',
      scripts: [{ dialect: 'sh', text: 'echo a\\b   $A' }],
    },
    {
      name: 'the stage’s SHELL decides the dialect, inherited from the stage it builds on',
      text: 'FROM debian AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM base\nRUN echo $A',
      scripts: [{ dialect: 'bash', text: 'echo $A' }],
    },
    {
      name: 'shells ShellCheck cannot read, exec form and Windows images are left out',
      text: 'FROM alpine\nSHELL ["pwsh", "-c"]\nRUN Write-Host $A\nFROM alpine\nRUN ["echo", "$A"]\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo %A%',
      scripts: [],
    },
    {
      name: 'a RUN <<EOF body is the script; a #! line names its shell',
      text: 'FROM alpine\nRUN <<EOF\necho $A\nEOF\nRUN <<EOF\n#!/usr/bin/env bash\necho $B\nEOF\nRUN <<EOF\n#!/usr/bin/python3\nprint(1)\nEOF',
      scripts: [
        { dialect: 'sh', text: 'echo $A' },
        { dialect: null, text: '#!/usr/bin/env bash\necho $B' },
      ],
    },
    {
      name: 'a heredoc used as data keeps the shell text as written',
      text: 'FROM alpine\nRUN cat <<EOF > /etc/motd\nhello $USER\nEOF',
      scripts: [{ dialect: 'sh', text: 'cat <<EOF > /etc/motd\nhello $USER\nEOF' }],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const got = runScripts(parseDockerfile(c.text)).map((s) => ({ dialect: s.dialect, text: s.text }));
      assert.deepEqual(got, c.scripts);
    });
});

describe('ShellCheck: findings map to exact Dockerfile ranges', () => {
  const cases: { name: string; text: string; comments: ShellcheckComment[]; ranges: string[] }[] = [
    {
      name: 'one line',
      text: 'FROM alpine\nRUN echo $A',
      comments: [comment(1, 6, 1, 8)],
      ranges: ['1:9-1:11'],
    },
    {
      name: 'after a continuation, a dropped comment line and a blank line',
      text: 'FROM alpine\nRUN apk add curl \\\n# why\n\n    && echo $A',
      comments: [comment(1, 26, 1, 28)],
      ranges: ['4:12-4:14'],
    },
    {
      name: 'a range across a continuation ends on the next line',
      text: 'FROM alpine\nRUN echo "a \\\n  b"',
      comments: [comment(1, 6, 1, 13)],
      ranges: ['1:9-2:4'],
    },
    {
      name: 'escape=`',
      text: '# escape=`\nFROM alpine\nRUN echo a `\n  $A',
      comments: [comment(1, 10, 1, 12)],
      ranges: ['3:2-3:4'],
    },
    {
      name: 'a heredoc body',
      text: 'FROM alpine\nRUN <<EOF\nset -e\necho $A\nEOF',
      comments: [comment(2, 6, 2, 8)],
      ranges: ['3:5-3:7'],
    },
    {
      name: 'a tab is one column; CRLF line endings',
      text: 'FROM alpine\r\nRUN <<EOF\r\n\techo $A\r\nEOF\r\n',
      comments: [comment(1, 7, 1, 9)],
      ranges: ['2:6-2:8'],
    },
    {
      name: 'a byte-order mark moves line-0 columns only',
      text: '\ufeffFROM alpine\nRUN echo $A',
      comments: [comment(1, 6, 1, 8)],
      ranges: ['1:9-1:11'],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const input = shellcheckInput({ name: 'Dockerfile', text: c.text });
      assert.ok(input);
      const results = new Map(input.scripts.map((s) => [s.key, c.comments]));
      const found = shellcheckResults(input, results, defaultConfig());
      assert.deepEqual(
        found.map((f) => fmtRange(f.range)),
        c.ranges,
      );
    });

  it('ids, severities and aliases; hadolint ignore, shipshape-ignore and configuration silence them', () => {
    const text =
      'FROM alpine\nRUN echo $A\n# hadolint ignore=SC2086\nRUN echo $B\n# shipshape-ignore shellcheck/SC2086\nRUN echo $C\nRUN echo $D';
    const input = shellcheckInput({ name: 'Dockerfile', text });
    assert.ok(input);
    const results = new Map(input.scripts.map((s) => [s.key, [comment(1, 6, 1, 8)]]));
    const found = shellcheckResults(input, results, defaultConfig());
    assert.deepEqual(
      found.map((f) => `${f.range.start.line}:${f.ruleId}:${f.severity}:${f.aliases.join(',')}`),
      ['1:shellcheck/SC2086:info:hadolint:SC2086', '6:shellcheck/SC2086:info:hadolint:SC2086'],
    );
    const config = defaultConfig();
    config.rules['hadolint:SC2086'] = 'off';
    assert.deepEqual(shellcheckResults(input, results, config), []);
  });
});

describe('ShellCheck: the installed binary (CI installs Debian’s shellcheck)', () => {
  const bin = findShellcheck();

  it('is found on PATH, and a configured path that does not exist finds nothing', () => {
    assert.ok(bin, 'shellcheck on PATH');
    assert.equal(findShellcheck('/nonexistent/shellcheck'), null);
    assert.equal(findShellcheck('relative/shellcheck'), null);
  });

  it('reports an unquoted variable in a continued RUN at its place in the Dockerfile', () => {
    const text = 'FROM debian:12\nRUN apt-get update \\\n    && ls $DIR\n';
    const input = shellcheckInput({ name: 'Dockerfile', text });
    assert.ok(input && bin);
    const results = new Map(input.scripts.map((s) => [s.key, runShellcheckSync(bin, s.text, s.dialect)]));
    const found = shellcheckResults(input, results, defaultConfig());
    assert.deepEqual(
      found.map((f) => `${fmtRange(f.range)} ${f.ruleId} ${f.severity}`),
      ['2:10-2:14 shellcheck/SC2086 info'],
    );
  });

  it('checks bash syntax with the dialect SHELL names, and sh syntax without it', () => {
    const lint = (text: string): string[] => {
      const input = shellcheckInput({ name: 'Dockerfile', text });
      assert.ok(input && bin);
      const results = new Map(input.scripts.map((s) => [s.key, runShellcheckSync(bin, s.text, s.dialect)]));
      return shellcheckResults(input, results, defaultConfig()).map((f) => f.ruleId);
    };
    assert.deepEqual(lint('FROM debian:12\nRUN [[ -f /etc/os-release ]] && echo ok'), ['shellcheck/SC3010']);
    assert.deepEqual(
      lint('FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN [[ -f /etc/os-release ]] && echo ok'),
      [],
    );
  });
});
