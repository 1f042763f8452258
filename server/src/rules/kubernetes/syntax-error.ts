import { defineRule } from '../../core/rule';
import type { Range, TextDoc } from '../../core/text';
import type { KubernetesModel } from '../../languages/kubernetes';

/**
 * The parser points at one character, or at the end of the file for an unclosed quote; a finding reads
 * better on the whole token there, or on the last line with text.
 */
function widen(doc: TextDoc, start: number, end: number): Range {
  const text = doc.text;
  if (end - start > 1) return doc.rangeOf(start, end);
  let e = start;
  while (e < text.length && !/[\s:,\]}]/.test(text[e] as string)) e++;
  if (e > start) return doc.rangeOf(start, e);
  let line = doc.positionAt(start).line;
  while (line > 0 && doc.lineText(line).trim() === '') line--;
  const lineText = doc.lineText(line);
  const indent = lineText.length - lineText.trimStart().length;
  return { start: { line, character: indent }, end: { line, character: lineText.trimEnd().length } };
}

export default defineRule<KubernetesModel>({
  id: 'kubernetes/syntax-error',
  language: 'kubernetes',
  severity: 'error',
  recommended: true,
  aliases: [],
  fix: null,
  messages: {
    yaml: 'YAML: {message}',
  },
  docs: {
    summary: 'A manifest must be valid YAML: kubectl cannot read a document with a syntax error.',
    rationale:
      'kubectl stops at the first document it cannot read, so a tab used for indentation, an unclosed quote or a ' +
      'key given twice in one mapping (`uniqueKeys`, which kubectl also rejects) keeps the whole file from being ' +
      'applied. Reported where the YAML parser stops, one finding per problem; YAML warnings (an unknown tag) ' +
      'are reported as warnings.',
    bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  name: app-config\ndata:\n  LOG_LEVEL: info\n',
    good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  LOG_LEVEL: info\n',
  },
  check(ctx) {
    for (const d of ctx.model.documents)
      for (const p of d.problems)
        ctx.report({
          at: widen(ctx.doc, p.start, p.end),
          messageId: 'yaml',
          severity: p.severity,
          data: { message: p.message },
        });
  },
});
