import { defineRule } from '../../core/rule';
import { replace } from '../../fixes/text';
import type { DockerfileModel, DProperty } from '../../languages/dockerfile';
import type { TextDoc, TextEdit } from '../../core/text';

/** Whether a value as written has white space outside quotes (which `k=v` would split into another pair). */
function hasBareSpace(raw: string, esc: string): boolean {
  let quote = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (c === esc && quote !== "'") i++;
    else if (quote) quote = c === quote ? '' : quote;
    else if (c === '"' || c === "'") quote = c;
    else if (/\s/.test(c)) return true;
  }
  return false;
}

/** `KEY name value` → `KEY name=value`, when the value means the same after `=`. */
function toEquals(doc: TextDoc, p: DProperty, esc: string): TextEdit[] | undefined {
  if (!p.valueRange) return undefined;
  const gap = { start: p.nameRange.end, end: p.valueRange.start };
  if (gap.start.line !== gap.end.line || !/^[ \t]+$/.test(doc.getText(gap))) return undefined;
  const raw = doc.getText(p.valueRange);
  if (!hasBareSpace(raw, esc)) return [replace(gap, '=')];
  // Quoting the whole value keeps it one value; only safe when nothing in it is quoted or escaped.
  if (/["'\r\n]/.test(raw) || raw.includes(esc)) return undefined;
  return [replace(gap, '="'), replace({ start: p.valueRange.end, end: p.valueRange.end }, '"')];
}

export default defineRule<DockerfileModel>({
  id: 'dockerfile/legacy-key-value-format',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  instructionLocal: true,
  aliases: ['buildkit:LegacyKeyValueFormat'],
  fix: 'safe',
  messages: {
    legacy: '"{keyword} key=value" should be used instead of legacy "{keyword} key value" format.',
  },
  docs: {
    summary: 'Write `ENV key=value` and `LABEL key=value`, not the legacy `ENV key value`.',
    rationale:
      'In the legacy form everything after the first space is the value, so `ENV A b C=d` sets `A` to `b C=d`; ' +
      'the `key=value` form is the one that can set several variables, reads unambiguously and is the only ' +
      'one documented today. BuildKit warns (`LegacyKeyValueFormat`). The fix writes `=` in place of the ' +
      'white space, and quotes the value when it holds spaces (only when it has no quotes or escapes of its ' +
      'own, so its meaning cannot change); otherwise no fix is offered.',
    bad: 'FROM node:20-alpine\nENV NODE_ENV production\n',
    good: 'FROM node:20-alpine\nENV NODE_ENV=production\n',
  },
  check(ctx) {
    const { doc, model } = ctx;
    for (const ins of model.instructions) {
      if (ins.keyword !== 'ENV' && ins.keyword !== 'LABEL') continue;
      const first = ins.args[0];
      const p = ins.properties[0];
      if (!first || !p || first.value.includes('=') || ins.properties.length !== 1) continue;
      const keyword = doc.getText(ins.keywordRange);
      ctx.report({
        at: p.nameRange,
        messageId: 'legacy',
        data: { keyword },
        fix: () => {
          const edits = toEquals(doc, p, model.escapeChar);
          return edits && { title: `Write ${keyword} ${p.name}=…`, edits };
        },
      });
    }
  },
});
