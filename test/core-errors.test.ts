import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withoutStackTraces } from '../server/src/core/errors';

/** YAML parsing runs without stack traces (one Error per syntax error); the limit always comes back. */
describe('withoutStackTraces', () => {
  it('errors made inside carry no stack frames, and the result is returned', () => {
    const e = withoutStackTraces(() => new Error('inside'));
    assert.equal(e.stack, 'Error: inside');
  });

  it('restores the stack trace limit, also when the function throws', () => {
    const before = Error.stackTraceLimit;
    assert.throws(() =>
      withoutStackTraces(() => {
        throw new Error('boom');
      }),
    );
    assert.equal(Error.stackTraceLimit, before);
    assert.match(new Error('outside').stack ?? '', /\n {4}at /);
  });
});
