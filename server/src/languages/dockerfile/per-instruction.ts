/**
 * Answers about one instruction, kept for as long as the instruction lives. Parsing is incremental: an
 * edit re-parses only the chunk of instructions it touches, and every other instruction is the same object
 * as before (moved in place when text above it changed length). A question whose answer depends on
 * nothing but the instruction's own text is then answered once, not on every keystroke.
 *
 * The answer must hold no copied offsets or positions: references to the instruction's own objects (its
 * ranges, shell commands and words) are fine, as they move with it.
 */
export function perInstruction<K extends object, T>(ask: (key: K) => T): (key: K) => T {
  const answers = new WeakMap<K, T>();
  return (key) => {
    if (answers.has(key)) return answers.get(key) as T;
    const answer = ask(key);
    answers.set(key, answer);
    return answer;
  };
}

/**
 * Answers about a part of one model (an instruction, a stage), kept for as long as the model lives: one
 * analysis, where several rules ask the same question. For answers that depend on the rest of the model
 * (variable scopes, the shell in force), which `perInstruction` may not keep across edits.
 */
export function perModel<M extends object, K, T>(ask: (model: M, key: K) => T): (model: M, key: K) => T {
  const answers = new WeakMap<M, Map<K, T>>();
  return (model, key) => {
    let byKey = answers.get(model);
    if (!byKey) answers.set(model, (byKey = new Map()));
    if (byKey.has(key)) return byKey.get(key) as T;
    const answer = ask(model, key);
    byKey.set(key, answer);
    return answer;
  };
}
