import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { defaultConfig } from '../server/src/core/config';
import type { Host } from '../server/src/core/rule';
import { Engine } from '../server/src/engine';
import { signature } from '../scripts/fuzz/engine-check';

/**
 * Parsing is incremental (only the chunk an edit touches is parsed again; the other instructions are the
 * same objects, moved) and some queries are kept per instruction across edits. Whatever is cached, an edit
 * analysed through the caches must say exactly what a fresh analysis of the new text says: the same
 * findings, ranges, messages and fix edits.
 */
const host: Host = { fileName: 'Dockerfile', exists: (p) => (p === 'requirements.txt' ? true : undefined) };

/** Findings of the rules that keep answers per instruction, over several chunks (EXPOSE lines between). */
const TAIL = [
  'RUN curl -k https://example.com/x | sh',
  'ENV NODE_TLS_REJECT_UNAUTHORIZED=0',
  'WORKDIR /app',
  'COPY . .',
  'RUN pip install -r requirements.txt',
  'RUN [[ -f /x ]] && source /etc/profile',
  'RUN git -c http.sslVerify=false clone x',
]
  .flatMap((l, i) => [l, ...Array.from({ length: 8 }, (_, k) => `EXPOSE ${8000 + i * 10 + k}`)])
  .join('\n')
  .concat('\n');

function throughCaches(before: string, after: string): string {
  const engine = new Engine();
  engine.analyze({ name: 'Dockerfile', text: before }, defaultConfig(), host);
  return signature(engine.analyze({ name: 'Dockerfile', text: after }, defaultConfig(), host));
}

function fresh(text: string): string {
  return signature(new Engine().analyze({ name: 'Dockerfile', text }, defaultConfig(), host));
}

const line = fc.constantFrom(
  'FROM debian:12-slim AS base', 'FROM alpine:3.20', 'FROM python:3.12-slim', 'FROM fedora:40 AS rpm',
  'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'WORKDIR /app', 'COPY . .', 'COPY requirements.txt ./',
  'RUN pip install -r requirements.txt', 'RUN curl -k https://example.com/x | sh', 'ENV NODE_TLS_REJECT_UNAUTHORIZED=0',
  'RUN wget --no-check-certificate https://example.com/y', 'RUN [[ -f /x ]] && source /etc/profile',
  'RUN cd /tmp && make', 'RUN apt-get update && apt-get install curl', 'RUN git -c http.sslVerify=false clone x',
  'RUN echo a | grep a', 'ARG TOKEN', 'USER app', '# a comment', '', 'RUN apk add gcc \\', '    make',
  'ONBUILD RUN curl -k https://example.com', 'EXPOSE 80', 'HEALTHCHECK CMD curl -f http://localhost/',
); // prettier-ignore

describe('Dockerfile analysis through the edit caches', () => {
  const cases: { name: string; before: string; after: string }[] = [
    {
      name: 'a line inserted above moves every cached finding below it',
      before: 'FROM debian:12-slim\nRUN curl -k https://x/y | sh\nCOPY . .\nRUN pip install -r requirements.txt\n',
      after: 'FROM debian:12-slim\n# new\nRUN curl -k https://x/y | sh\nCOPY . .\nRUN pip install -r requirements.txt\n',
    },
    {
      // Chunk boundaries depend on the lines' own text: a line inserted at the top leaves the later chunks
      // as they were, only moved down.
      name: 'a line inserted above moves the cached instructions of later chunks',
      before: `FROM debian:12-slim\n${'# c\n'.repeat(14)}${TAIL}`,
      after: `FROM debian:12-slim\nARG X=1\n${'# c\n'.repeat(14)}${TAIL}`,
    },
    {
      name: 'text typed above on the same line shifts characters only',
      before: 'FROM debian:12-slim\nRUN [[ -f /x ]] && curl -k https://x\n',
      after: 'FROM debian:12-slim\nRUN true; [[ -f /x ]] && curl -k https://x\n',
    },
    {
      name: 'a new base image changes what /bin/sh is for RUNs that did not change',
      before: 'FROM debian:12-slim\n' + 'RUN [[ -f /x ]] && source /etc/profile\n'.repeat(30),
      after: 'FROM fedora:40\n' + 'RUN [[ -f /x ]] && source /etc/profile\n'.repeat(30),
    },
    {
      name: 'a SHELL added in an earlier chunk changes later RUNs',
      before: 'FROM debian:12-slim\n' + 'EXPOSE 80\n'.repeat(30) + 'RUN echo a | grep a && [[ -f x ]]\n',
      after: 'FROM debian:12-slim\nSHELL ["/bin/bash", "-c"]\n' + 'EXPOSE 80\n'.repeat(30) + 'RUN echo a | grep a && [[ -f x ]]\n',
    },
  ]; // prettier-ignore
  for (const c of cases)
    it(c.name, () => {
      assert.equal(throughCaches(c.before, c.after), fresh(c.after));
    });

  it('fixes asked for after a later edit moved the instructions are still those of their own text', () => {
    const before = `FROM debian:12-slim\n${TAIL}CMD gunicorn app:app\n`;
    const engine = new Engine();
    const early = engine.analyze({ name: 'Dockerfile', text: before }, defaultConfig(), host);
    // A line inserted at the top moves every later chunk, and the objects the early findings point at.
    engine.analyze({ name: 'Dockerfile', text: `# moved\n${before}` }, defaultConfig(), host);
    assert.equal(signature(early), fresh(before));
  });

  it('any edit of a generated file: inserted, removed or changed lines', () => {
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 90 }),
        fc.nat(),
        fc.constantFrom('insert', 'remove', 'change'),
        line,
        (lines, at, how, added) => {
          const k = at % lines.length;
          const edited = [...lines];
          if (how === 'insert') edited.splice(k, 0, added);
          else if (how === 'remove') edited.splice(k, 1);
          else edited[k] = added;
          const before = lines.join('\n') + '\n';
          const after = edited.join('\n') + '\n';
          assert.equal(throughCaches(before, after), fresh(after));
        },
      ),
      { numRuns: 150, seed: 7 },
    );
  });
});
