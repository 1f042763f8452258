/**
 * Runs `fn` with stack traces off. The yaml library builds an Error for every syntax error, and capturing
 * each one's stack is most of the cost of a file with tens of thousands of them (a run of quotes took
 * seconds). Nothing reads those stacks: findings use the message and the position.
 */
export function withoutStackTraces<T>(fn: () => T): T {
  const saved = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return fn();
  } finally {
    Error.stackTraceLimit = saved;
  }
}
