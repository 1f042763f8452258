import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { defaultConfig, type Config } from '../server/src/core/config';
import type { Host, Report, Rule } from '../server/src/core/rule';
import { Engine } from '../server/src/engine';
import { parseDockerfile, type DockerfileModel, type Stage } from '../server/src/languages/dockerfile';
import { cachedRule, partOf, STAGE_RULES } from '../server/src/languages/dockerfile/rule-cache';
import { rules } from '../server/src/rules';
import { signature } from '../scripts/fuzz/engine-check';
import { generateDockerfile } from '../scripts/bench/dockerfile';

/**
 * The per-stage rule cache (languages/dockerfile/rule-cache.ts) must never show a finding the text no
 * longer has, nor miss one it has. Two guards: each cached rule, run one stage at a time, reports exactly
 * what it reports over the whole file; and after any edit, an Engine that has seen the earlier versions
 * reports what a fresh Engine reports — findings, ranges, messages and every fix's edits.
 */

const dockerfileRules = rules.filter((r) => r.language === 'dockerfile') as Rule<DockerfileModel>[];
const cached = dockerfileRules.filter((r) => cachedRule(r));

/** Multi-stage files whose stages lean on each other: parents, global ARGs, SHELL, ENV, WORKDIR, USER. */
const SAMPLES: Record<string, string> = {
  chains: [
    '# syntax=docker/dockerfile:1',
    'ARG BASE=debian:12-slim',
    'ARG NODE_VERSION=20',
    'FROM ${BASE} AS base',
    'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
    'ENV APP_HOME=/srv/app',
    'WORKDIR /srv',
    'RUN apt-get update && apt-get install -y curl',
    'FROM base AS build',
    'ARG NODE_VERSION',
    'RUN [[ -f /x ]] && echo $APP_HOME $NODE_VERSION $UNDEFINED_THING',
    'WORKDIR app',
    'COPY . .',
    'RUN npm ci',
    'RUN cd /tmp && make',
    'FROM node:${NODE_VERSION}-alpine AS web',
    'RUN [[ -f /x ]] && source /etc/profile',
    'COPY --from=build /srv/app /app',
    'WORKDIR rel',
    'COPY a b dest',
    'CMD node server.js',
    'CMD node other.js',
    'FROM build',
    'RUN echo $APP_HOME | grep srv',
    'USER 1000',
    'FROM scratch',
    'COPY --from=web / /',
    '',
  ].join('\n'),
  escape: [
    '# escape=`',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win',
    'RUN powershell -Command `',
    '    Write-Host hi',
    'WORKDIR C:\\app',
    'FROM win',
    'RUN echo %PATH%',
    '',
  ].join('\n'),
  triggers: [
    'FROM alpine:3.20 AS base',
    'ONBUILD RUN apk add curl',
    'ONBUILD RUN curl -k https://example.com | sh',
    'FROM base AS child',
    'ONBUILD RUN [[ -f /x ]]',
    'RUN apk add --no-cache git',
    'FROM python:3.12-slim',
    'COPY . .',
    'RUN pip install -r requirements.txt',
    'RUN pip install -r requirements.txt',
    '',
  ].join('\n'),
  broken: 'FROM\nRUN\nFROM a AS\nRUN echo "unterminated\nCOPY\nFROM b AS b\nFROM b\nWORKDIR\nENV\n',
  instructionsFirst: 'RUN echo before any FROM\nARG X\nFROM alpine:${X}\nRUN echo $X\n',
  // A stage above, not a parent: what it holds must not move what later stages say (line numbers).
  shifted:
    'FROM alpine:3.20 AS other\nRUN echo 1\nRUN echo 2\nFROM debian:12-slim\nCOPY app.tar.gz /tmp/\nRUN tar xzf /tmp/app.tar.gz\nCOPY . .\n',
  // What the final stage does decides about its parents: a USER, a HEALTHCHECK, labels.
  finalDecides: [
    'FROM debian:12-slim AS base',
    'USER root',
    'LABEL maintainer=""',
    'HEALTHCHECK CMD curl -f http://localhost/',
    'RUN apt-get update && apt-get install -y curl',
    'FROM base',
    'USER app',
    'LABEL maintainer="me"',
    'HEALTHCHECK NONE',
    'RUN apt-get install -y wget',
    'COPY app.tar.gz /tmp/',
    'RUN tar xzf /tmp/app.tar.gz',
    '',
  ].join('\n'),
};

/** Rule docs' examples: the cases each rule's author thought of. */
const examples = dockerfileRules.flatMap((r) => [r.docs.bad, r.docs.good]);

function all(): [string, string][] {
  return [
    ...Object.entries(SAMPLES),
    ...examples.map((t, i): [string, string] => [`docs example ${i}`, t]),
    ['generated', generateDockerfile(400, 3)],
  ];
}

const host: Host = {
  fileName: 'Dockerfile',
  exists: (p) => ['package.json', 'package-lock.json', 'requirements.txt', '.dockerignore'].includes(p),
  read: (p) => (p === '.dockerignore' ? 'node_modules\n*.log\n' : undefined),
};

/** A host with no files beside the Dockerfile: rules about missing files speak. */
const bare: Host = { fileName: 'Dockerfile', exists: () => false, read: () => undefined };

function run(
  rule: Rule<DockerfileModel>,
  model: DockerfileModel,
  whole: DockerfileModel,
  h: Host = host,
): string[] {
  const out: string[] = [];
  const doc = whole.doc;
  rule.check({
    doc,
    model,
    host: h,
    settings: {
      trustedRegistries: ['docker.io'],
      kubernetesVersion: null,
      labelSchema: { maintainer: 'text' },
      strictLabels: false,
      podSecurity: 'off',
    },
    report: (r: Report) =>
      out.push(
        JSON.stringify([
          doc.offsetAt(r.at.start),
          doc.offsetAt(r.at.end),
          r.messageId,
          r.data,
          r.severity,
          r.aliases,
          r.fix !== undefined,
        ]),
      ),
  });
  return out;
}

describe('Dockerfile rules kept per stage', () => {
  it('declares rules that exist and are not already instruction-local', () => {
    const ids = new Set(dockerfileRules.map((r) => r.id));
    for (const id of STAGE_RULES) {
      assert.ok(ids.has(id), id);
      assert.ok(!dockerfileRules.find((r) => r.id === id)?.instructionLocal, `${id} is instructionLocal`);
    }
    assert.ok(cached.length >= 50, `${cached.length} cached rules`);
  });

  it('each cached rule, run one stage at a time, reports what it reports over the whole file', () => {
    for (const [name, text] of all()) {
      const model = parseDockerfile(text);
      if (model.stages.length === 0) continue;
      const firstFrom = model.doc.offsetAt(
        (model.stages[0] as DockerfileModel['stages'][number]).from.range.start,
      );
      const bounds = [...model.stages.map((s) => model.doc.offsetAt(s.from.range.start)), text.length];
      for (const rule of cached) {
        const whole = run(rule, model, model);
        // What lies before the first FROM must not depend on any stage: it is kept while that text stays.
        const pieces = run(rule, partOf(model, []), model).filter(
          (r) => ((JSON.parse(r) as number[])[0] as number) < firstFrom,
        );
        model.stages.forEach((s, i) => {
          const inStage = (r: string): boolean => {
            const start = (JSON.parse(r) as number[])[0] as number;
            return start >= (bounds[i] as number) && start < (bounds[i + 1] as number);
          };
          pieces.push(...run(rule, partOf(model, [s.index]), model).filter(inStage));
        });
        assert.deepEqual([...pieces].sort(), [...whole].sort(), `${rule.id} on ${name}`);
      }
    }
  });

  it("what a cached rule reports in a stage does not change when another stage's steps do", () => {
    // The cache keeps a stage's results while its text, its parents' and the global ARGs' stay. So take
    // each stage in turn, drop its steps (its FROM stays: the same names, parents and final stage), and
    // every stage not built on it must get the same reports, at the same places relative to its start.
    for (const [name, text] of all()) {
      const model = parseDockerfile(text);
      const starts = model.stages.map((s) => model.doc.offsetAt(s.from.range.start));
      model.stages.forEach((t, k) => {
        const fromEnd = model.doc.offsetAt({ line: t.from.range.end.line + 1, character: 0 });
        const end = starts[k + 1] ?? text.length;
        if (fromEnd >= end) return;
        const mutated = parseDockerfile(text.slice(0, fromEnd) + text.slice(end));
        if (mutated.stages.length !== model.stages.length) return;
        const shift = end - fromEnd;
        const unaffected = (i: number): boolean => {
          for (let p: Stage | null = model.stages[i] ?? null; p; p = p.parent)
            if (p.index === k) return false;
          return true;
        };
        for (const rule of cached) {
          const inUnits = (reports: string[], m: DockerfileModel, delta: number): string[] =>
            reports.flatMap((r) => {
              const [start, end2, ...rest] = JSON.parse(r) as [number, number, ...unknown[]];
              let i = -1;
              for (const s of m.stages) if (m.doc.offsetAt(s.from.range.start) <= start) i = s.index;
              if (i < 0 || !unaffected(i)) return [];
              const at = i > k ? delta : 0;
              return [JSON.stringify([i, start + at, end2 + at, ...rest])];
            });
          for (const h of [host, bare])
            assert.deepEqual(
              inUnits(run(rule, mutated, mutated, h), mutated, shift).sort(),
              inUnits(run(rule, model, model, h), model, 0).sort(),
              `${rule.id} on ${name}, steps of stage ${k} dropped`,
            );
        }
      });
    }
  });

  it('cached rules read nothing that other stages or the whole file decide', () => {
    // What stages learn from later stages or the whole file: the stages a build targets or copies from,
    // the stages built on them, comments and errors of the whole file. (Whether a stage ships, the final
    // stage and its parents, is part of the cache's key.)
    const forbidden =
      /\b(targetStages|closestStage|stagesBuiltOn|isDistribution)\(|model\.(comments|problems|syntaxErrors)\b/;
    for (const rule of cached) {
      const source = readFileSync(
        join(import.meta.dirname, '..', 'server/src/rules', `${rule.id}.ts`),
        'utf8',
      );
      assert.doesNotMatch(source, forbidden, rule.id);
    }
  });
});

describe('Dockerfile analysis through the per-stage rule cache', () => {
  const config = (): Config => ({ ...defaultConfig(), preset: 'strict' });

  function throughCaches(texts: string[], hosts: Host[] = texts.map(() => host), configs?: Config[]): string {
    const engine = new Engine();
    let last = '';
    texts.forEach((text, i) => {
      last = signature(
        engine.analyze({ name: 'Dockerfile', text }, configs?.[i] ?? config(), hosts[i] ?? host),
      );
    });
    return last;
  }

  function fresh(text: string, h: Host = host, c: Config = config()): string {
    return signature(new Engine().analyze({ name: 'Dockerfile', text }, c, h));
  }

  const base = SAMPLES.chains as string;
  const swap = (from: string, to: string): string => {
    assert.ok(base.includes(from), from);
    return base.replace(from, to);
  };

  const cases: { name: string; after: string }[] = [
    { name: 'a RUN changes in one stage', after: swap('RUN npm ci', 'RUN npm ci && cd /x && make') },
    { name: "a parent's SHELL goes: its children's RUNs are read by /bin/sh", after: swap('SHELL ["/bin/bash", "-o", "pipefail", "-c"]\n', '') },
    { name: "a parent's ENV is renamed: a child's variable becomes undefined", after: swap('ENV APP_HOME=', 'ENV APP_ROOT=') },
    { name: "a parent's WORKDIR goes: a child's relative WORKDIR is no longer inherited", after: swap('WORKDIR /srv\n', '') },
    { name: 'a parent stage is renamed: the child is built from an image', after: swap('AS build', 'AS builder') },
    { name: 'a stage is inserted above: stage indexes move', after: swap('FROM base AS build', 'FROM alpine AS extra\nRUN echo hi\nFROM base AS build') },
    { name: 'a global ARG changes', after: swap('ARG NODE_VERSION=20', 'ARG NODE_VERSION=latest') },
    { name: 'a stage above, not a parent, grows by lines', after: swap('CMD node server.js', 'CMD node server.js\n\n# more\n') },
    { name: 'the escape directive appears', after: `# escape=\`\n${base}` },
    { name: 'a stage is appended', after: `${base}FROM alpine:3.20\nRUN cd /tmp && true\n` },
    { name: 'the last FROM goes', after: base.slice(0, base.indexOf('FROM scratch')) },
    { name: 'the final stage is built FROM a parent: the parent ships', after: swap('FROM scratch', 'FROM base') },
  ]; // prettier-ignore

  for (const c of cases)
    it(c.name, () => {
      assert.equal(throughCaches([base, c.after]), fresh(c.after));
      assert.equal(throughCaches([c.after, base]), fresh(base));
    });

  it('an ONBUILD trigger edited, and a stage edited beside triggers', () => {
    const t = SAMPLES.triggers as string;
    const edits = [
      t.replace('apk add curl', 'apk add curl wget'),
      t.replace('COPY . .', 'COPY . .\nRUN cd /tmp && true'),
      t.replace('ONBUILD RUN [[ -f /x ]]', 'ONBUILD RUN apt-get install x'),
    ];
    for (const after of edits) assert.equal(throughCaches([t, after]), fresh(after));
  });

  it('a stage built on another starts to need its apt lists: the fix to remove them goes', () => {
    const before =
      'FROM debian:12-slim AS a\nRUN apt-get update && apt-get install -y curl\nFROM a\nRUN echo hi\n';
    const after = before.replace('RUN echo hi', 'RUN apt-get install -y wget');
    assert.equal(throughCaches([before, after]), fresh(after));
    assert.equal(throughCaches([after, before]), fresh(before));
  });

  it('a file the host now has (a lock file) changes what the cached rules say', () => {
    const text = 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nFROM node:20-alpine\nRUN echo\n';
    const without: Host = { fileName: 'Dockerfile', exists: (p) => p === 'package.json' };
    const withLock: Host = { ...without, exists: (p) => p === 'package.json' || p === 'package-lock.json' };
    assert.notEqual(fresh(text, without), fresh(text, withLock));
    assert.equal(throughCaches([text, text], [without, withLock]), fresh(text, withLock));
    assert.equal(throughCaches([text, text], [withLock, without]), fresh(text, without));
  });

  it('settings change between analyses', () => {
    const trusted = { ...config(), trustedRegistries: ['ghcr.io'] };
    assert.equal(throughCaches([base, base], undefined, [config(), trusted]), fresh(base, host, trusted));
  });

  it('any typing in a generated multi-stage file: characters inserted and deleted anywhere', () => {
    // Stages longer than a parse chunk (up to 40 lines), so an edit re-parses part of a stage only.
    const from = fc.constantFrom(
      'FROM debian:12-slim AS base',
      'FROM base AS child',
      'FROM base',
      'FROM alpine:3.20',
    );
    const step = fc.constantFrom(
      'ARG V=1', 'ENV A=1', 'SHELL ["/bin/bash", "-c"]', 'WORKDIR rel', 'USER app', 'COPY . .', 'RUN npm ci',
      'RUN cd /tmp && make', 'RUN echo $A $V \\', '    && [[ -f x ]]', '# escape=`', '# check=skip=JSONArgsRecommended',
      'ONBUILD RUN curl -k https://example.com', 'CMD run', '# a comment', '', 'EXPOSE 80', 'RUN apt-get install -y curl',
      'HEALTHCHECK CMD curl -f http://localhost/', 'LABEL a=b',
    ); // prettier-ignore
    const line = fc.oneof({ arbitrary: from, weight: 1 }, { arbitrary: step, weight: 15 });
    const typed = fc.constantFrom('\n', '#', '\\', ' ', 'FROM alpine\n', 'RUN ', 'x', '$', '"', '`', 'AS b');
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 20, maxLength: 160 }),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 6 }), typed), { minLength: 1, maxLength: 4 }),
        (lines, edits) => {
          const versions = [lines.join('\n') + '\n'];
          for (const [at, removed, inserted] of edits) {
            const text = versions[versions.length - 1] as string;
            const k = at % (text.length + 1);
            versions.push(text.slice(0, k) + inserted + text.slice(k + removed));
          }
          assert.equal(throughCaches(versions), fresh(versions[versions.length - 1] as string));
        },
      ),
      { numRuns: 100, seed: 5 },
    );
  });

  it('any edit of a generated multi-stage file', () => {
    const line = fc.constantFrom(
      'FROM debian:12-slim AS base', 'FROM base AS child', 'FROM base', 'FROM child AS grand', 'FROM alpine:3.20',
      'ARG V=1', 'ARG TOKEN', 'ENV A=1', 'ENV B=$A', 'SHELL ["/bin/bash", "-c"]', 'WORKDIR /app', 'WORKDIR rel',
      'USER app', 'COPY . .', 'COPY --from=base /x /y', 'RUN npm ci', 'RUN cd /tmp && make', 'RUN echo $A $B $V',
      'RUN [[ -f /x ]] && source /etc/profile', 'RUN apt-get update && apt-get install curl', 'CMD run',
      'ONBUILD RUN curl -k https://example.com', 'RUN echo a | grep a', '# a comment', '', 'MAINTAINER me',
    ); // prettier-ignore
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 60 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('insert', 'remove', 'change'), line), {
          minLength: 1,
          maxLength: 3,
        }),
        (lines, edits) => {
          const versions = [lines.join('\n') + '\n'];
          let current = [...lines];
          for (const [at, how, added] of edits) {
            const k = at % Math.max(1, current.length);
            current = [...current];
            if (how === 'insert') current.splice(k, 0, added);
            else if (how === 'remove') current.splice(k, 1);
            else current[k] = added;
            versions.push(current.join('\n') + '\n');
          }
          assert.equal(throughCaches(versions), fresh(versions[versions.length - 1] as string));
        },
      ),
      { numRuns: 120, seed: 11 },
    );
  });
});
