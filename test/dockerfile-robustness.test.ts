import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { defaultConfig } from '../server/src/core/config';
import { Engine } from '../server/src/engine';

/**
 * No input can crash the Dockerfile side: lines built from the pieces that have tripped the parser
 * libraries (continuations, escaped `#`, heredoc markers and terminators, quotes, flags, odd stage names)
 * are analysed with no internal error, and again after an edit, through the chunk cache.
 */
const piece = fc.constantFrom(
  'FROM alpine:3.20', 'FROM golang:1.22 AS build', 'FROM ${BASE}', 'ARG BASE=alpine', 'RUN echo a \\', '  \\#x',
  '  b \\', 'RUN <<EOF', 'RUN cat <<-"END" > /x && apk add gcc', 'EOF', '\tEND', 'COPY <<EOF /dst', 'COPY a b .',
  'COPY --from=build /a /b', 'ONBUILD RUN x', 'HEALTHCHECK --interval=5 CMD curl -f x', 'SHELL ["sh", "-c"]',
  'ENV a="x', "LABEL a='x'y", 'STOPSIGNAL TERM', 'ENTRYPOINT', 'CMD ["a"', '# comment', '', '# escape=`',
  'WORKDIR `', 'FROM x AS xxxxxxxxxxxxxxxxxxxx$', 'RUN apt-get install -y gcc && apt-get purge -y gcc',
  'USER app', 'EXPOSE 80/tcp', 'ADD https://x/y.tgz /', 'RUN --mount=type=cache,target=/root/.cache pip install x',
); // prettier-ignore

describe('Dockerfile robustness', () => {
  it('200,000 comment lines are read without overflowing the stack', () => {
    const text = 'FROM alpine:3.20\n' + '# c\n'.repeat(200_000) + 'USER nobody\n';
    const r = new Engine().analyze({ name: 'Dockerfile', text }, defaultConfig());
    assert.ok(r);
    assert.deepEqual(r.internalErrors, []);
  });

  it('any mix of tricky lines is analysed without an internal error', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const engine = new Engine();
        const text = lines.join(eol);
        const host = { fileName: 'Dockerfile', exists: () => undefined };
        for (const t of [
          text,
          `${lines.slice(0, 30).join(eol)}${eol}RUN echo edited${eol}${lines.slice(30).join(eol)}`,
        ]) {
          const result = engine.analyze({ name: 'Dockerfile', text: t }, defaultConfig(), host);
          assert.ok(result);
          assert.deepEqual(result.internalErrors, []);
        }
      }),
      { numRuns: 300 },
    );
  });
});
