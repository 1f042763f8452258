import { defineRule } from '../../core/rule';
import { invalidTokens, literalDollars, type ComposeModel, type Operator } from '../../languages/compose';
import { isMap, isPair, isScalar, isSeq, type Node, type Scalar } from '../../languages/yaml/model';

const WHEN: Record<Operator, string> = {
  '': 'read',
  ':-': 'unset or empty',
  '-': 'unset',
  ':?': 'unset or empty',
  '?': 'unset',
  ':+': 'set and not empty',
  '+': 'set',
};

/** A `$` before these is a shell construct (`$1`, `$@`, `$(cmd)`) the author may have meant for Compose. */
const SHELLISH = /^\$[0-9@*#?!(]/;

export default defineRule<ComposeModel>({
  id: 'compose/invalid-interpolation',
  language: 'compose',
  severity: 'error',
  recommended: true,
  aliases: [],
  fix: 'safe',
  messages: {
    invalid: 'Compose rejects `{text}` ({reason}): "invalid interpolation format".',
    invalidWhen:
      'Compose rejects `{text}` ({reason}) when `{name}` is {when}: "invalid interpolation format".',
    literal: 'Compose keeps this `$` as written, since no variable name follows it; `$$` says so explicitly.',
  },
  docs: {
    summary: 'A `${` must form a variable (`${VAR}`, `${VAR:-default}`); a literal `$` reads best as `$$`.',
    rationale:
      "Compose substitutes variables in every value of the file before anything else. Its pattern (compose-go's " +
      '`template` package) only acts on `$` followed by `$`, a name or `{`, and fails with "invalid interpolation ' +
      'format" only on a `${` that is not `${NAME}` or `${NAME<op>…}` closed on the same line: `${}`, `${VAR`, ' +
      '`${VAR/x/y}`, `${ VAR}`. Those are errors, without a fix, since only you know which variable was meant. ' +
      'Inside a default or replacement (`${A:-${}}`) the same mistake fails only when Compose reads that part, ' +
      'so it is a warning. Any other `$` (`$1`, `$(date)`, `$@`, a trailing `$`, a regex anchor in a Traefik ' +
      'rule) is kept as written and is never an error; where it looks like a shell construct, a hint offers ' +
      '`$$`, which means the same to Compose and shows the intent. Keys are not interpolated and are not checked.',
    bad: 'services:\n  web:\n    image: nginx:${TAG\n',
    good: 'services:\n  web:\n    image: nginx:${TAG}\n',
  },
  check(ctx) {
    const doc = ctx.doc;
    // Every construct reported here is also found when its source line is read on its own, so a file whose
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
      if (!n.range) return;
      const value = n.value as string;
      // Positions are found in the source text; `$` cannot be escaped in YAML, so they match the value's.
      const source = doc.text.slice(n.range[0], n.range[1]);
      const whole = doc.rangeOf(n.range[0], n.range[1]);
      const bad = invalidTokens(value);
      const inSource = invalidTokens(source);
      const exact = inSource.length === bad.length;
      for (const [k, t] of bad.entries()) {
        const s = exact ? inSource[k] : undefined;
        const at = s ? doc.rangeOf(n.range[0] + s.start, n.range[0] + s.end) : whole;
        const text = value.slice(t.start, t.end);
        ctx.report({
          at,
          messageId: t.within ? 'invalidWhen' : 'invalid',
          ...(t.within ? { severity: 'warning' as const } : {}),
          data: { text, reason: t.reason, name: t.within?.name ?? '', when: WHEN[t.within?.op ?? ''] },
        });
      }
      const literals = literalDollars(value).filter((t) => SHELLISH.test(value.slice(t.start, t.start + 2)));
      const literalsInSource = literalDollars(source).filter((t) =>
        SHELLISH.test(source.slice(t.start, t.start + 2)),
      );
      if (literalsInSource.length !== literals.length) return;
      for (const t of literalsInSource) {
        const at = doc.rangeOf(n.range[0] + t.start, n.range[0] + t.start + 2);
        ctx.report({
          at,
          messageId: 'literal',
          severity: 'hint',
          fix: () => ({
            title: 'Write `$` as `$$`',
            edits: [{ range: { start: at.start, end: at.start }, newText: '$' }],
          }),
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
    const line = text.slice(start, end).replace(/\r$/, '');
    if (invalidTokens(line).length > 0) return true;
    if (literalDollars(line).some((t) => SHELLISH.test(line.slice(t.start, t.start + 2)))) return true;
    i = text.indexOf('$', end);
  }
  return false;
}
