import { defineRule } from '../../core/rule';
import { invalidTokens, type ComposeModel } from '../../languages/compose';
import { isMap, isPair, isScalar, isSeq, type Node, type Scalar } from '../../languages/yaml/model';

export default defineRule<ComposeModel>({
  id: 'compose/invalid-interpolation',
  language: 'compose',
  severity: 'error',
  recommended: true,
  aliases: [],
  fix: 'safe',
  messages: {
    invalid:
      'Compose rejects this `$` ({reason}): "invalid interpolation format". Write `$$` for a literal dollar sign.',
  },
  docs: {
    summary:
      'Every `$` in a value must start a variable (`$VAR`, `${VAR}`, `${VAR:-default}`) or be doubled (`$$`).',
    rationale:
      'Compose substitutes variables in every value of the file before anything else, and a `$` that starts no ' +
      'variable (`$1`, `$(date)`, `${}`, an unclosed `${`) stops it with "invalid interpolation format". Shell ' +
      'snippets in `command:` or `healthcheck:` are the usual cause. The fix doubles the dollar sign when it is ' +
      'followed by something that can never name a variable, which is what the shell snippet meant; a broken ' +
      '`${…}` is reported without a fix, since only you know which variable it was meant to be. Keys are not ' +
      'interpolated and are not checked; `$$`, `$VAR` and every form of `${VAR…}` with nesting are valid.',
    bad: "services:\n  web:\n    image: busybox:1.36\n    command: sh -c 'echo $1'\n",
    good: "services:\n  web:\n    image: busybox:1.36\n    command: sh -c 'echo $$1'\n",
  },
  check(ctx) {
    const doc = ctx.doc;
    // An invalid `$` in a value is also invalid when its source line is read on its own, so a file whose
    // lines have none (the usual case) needs no walk. Comments, keys and values folded over several lines
    // may be flagged line by line; the walk over the values then decides.
    if (!suspectLines(doc.text)) return;
    const visit = (n: unknown): void => {
      if (!n || typeof n !== 'object') return;
      if (isPair(n)) {
        visit(n.value);
        return;
      }
      if (isScalar(n)) {
        if (typeof n.value === 'string' && n.value.includes('$')) report(n);
        return;
      }
      if (isMap(n) || isSeq(n)) for (const i of n.items) visit(i);
    };
    const report = (n: Scalar): void => {
      const bad = invalidTokens(n.value as string);
      if (bad.length === 0 || !n.range) return;
      // Positions are found in the source text; `$` cannot be escaped in YAML, so they match the value's.
      const source = doc.text.slice(n.range[0], n.range[1]);
      const inSource = invalidTokens(source);
      const exact = inSource.length === bad.length;
      for (const [k, t] of bad.entries()) {
        const s = exact ? (inSource[k] ?? t) : null;
        const at = s
          ? doc.rangeOf(n.range[0] + s.start, n.range[0] + s.end)
          : doc.rangeOf(n.range[0], n.range[1]);
        const escapable = s !== null && !source.startsWith('${', s.start);
        ctx.report({
          at,
          messageId: 'invalid',
          data: { reason: t.reason },
          fix: escapable
            ? () => ({
                title: 'Escape `$` as `$$`',
                edits: [{ range: { start: at.start, end: at.start }, newText: '$' }],
              })
            : undefined,
        });
      }
    };
    visit(ctx.model.root as Node | null);
  },
});

function suspectLines(text: string): boolean {
  let i = text.indexOf('$');
  while (i >= 0) {
    const start = text.lastIndexOf('\n', i) + 1;
    let end = text.indexOf('\n', i);
    if (end < 0) end = text.length;
    if (invalidTokens(text.slice(start, end).replace(/\r$/, '')).length > 0) return true;
    i = text.indexOf('$', end);
  }
  return false;
}
