import { defineRule } from '../../core/rule';
import {
  activeByDefault,
  entryAt,
  lookup,
  rangeOf,
  resolvedValue,
  type ComposeModel,
} from '../../languages/compose';
import { isScalar, isSeq, type Node, type YAMLSeq } from '../../languages/yaml/model';
import type { TextEdit } from '../../core/text';

const KINDS = ['CMD', 'CMD-SHELL', 'NONE'];

export default defineRule<ComposeModel>({
  id: 'compose/invalid-healthcheck-test',
  language: 'compose',
  severity: 'error',
  recommended: true,
  aliases: [],
  fix: 'safe',
  messages: {
    kind: 'A healthcheck `test` list must start with `CMD`, `CMD-SHELL` or `NONE`, not `{first}`: Compose rejects the project.',
  },
  docs: {
    summary: 'A healthcheck `test` written as a list starts with `CMD`, `CMD-SHELL` or `NONE`.',
    rationale:
      'compose-go refuses every command with "healthcheck.test must start either by \\"CMD\\", \\"CMD-SHELL\\" or ' +
      '\\"NONE\\"" (loader/validate.go, `checkConsistency`) when the first item of a `test` list is anything ' +
      'else: the list is handed to the engine as is, and its first word says how to run the rest. A `test` ' +
      'written as a string is never reported: compose-go reads it as `[CMD-SHELL, <string>]` ' +
      '(types/healthcheck.go). The fix prepends `CMD` (the items are the program and its arguments) or, for a ' +
      'single item holding a whole command line, `CMD-SHELL`. A service in a profile `.env` does not enable gets ' +
      'a warning.',
    bad: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ["curl", "-f", "http://localhost/"]\n',
    good: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost/"]\n',
  },
  check(ctx) {
    const m = ctx.model;
    const seen = new Set<Node>();
    for (const s of m.services) {
      const hc = lookup(m, s, 'healthcheck')?.value;
      const test = entryAt(hc, 'test')?.value;
      if (!isSeq(test) || seen.has(test)) continue;
      const first = test.items[0] as Node | undefined;
      if (!isScalar(first)) continue;
      const value = resolvedValue(m, first);
      if (value === null || KINDS.includes(value)) continue;
      seen.add(test);
      const kind = test.items.length === 1 && /\s/.test(value) ? 'CMD-SHELL' : 'CMD';
      ctx.report({
        at: rangeOf(m, first),
        messageId: 'kind',
        data: { first: value },
        ...(activeByDefault(m, s) ? {} : { severity: 'warning' as const }),
        fix: () => {
          const edit = prepend(m, test, first, kind);
          return edit ? { title: `Start the test with ${kind}`, edits: [edit] } : undefined;
        },
      });
    }
  },
});

/** Inserts `kind` as the first item, in the list's own style (flow or block, quoted like its first item). */
function prepend(m: ComposeModel, seq: YAMLSeq, first: Node, kind: string): TextEdit | undefined {
  if (!first.range) return undefined;
  const start = m.doc.positionAt(first.range[0]);
  if (seq.flow) {
    const quote = m.doc.text[first.range[0]];
    const item = quote === '"' || quote === "'" ? `${quote}${kind}${quote}` : kind;
    return { range: { start, end: start }, newText: `${item}, ` };
  }
  const line = m.doc.lineText(start.line);
  const dash = line.lastIndexOf('-', start.character);
  if (dash < 0 || line.slice(0, dash).trim() !== '') return undefined;
  const at = { line: start.line, character: 0 };
  return { range: { start: at, end: at }, newText: `${line.slice(0, dash)}- ${kind}${m.doc.eol}` };
}
