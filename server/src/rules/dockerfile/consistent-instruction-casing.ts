import { defineRule } from '../../core/rule';
import { replace } from '../../fixes/text';
import type { TextDoc } from '../../core/text';
import type { DInstruction, DockerfileModel } from '../../languages/dockerfile';

const selfConsistent = (s: string): boolean => s === s.toLowerCase() || s === s.toUpperCase();

/**
 * The keyword as written. Every instruction of the file is read on every keystroke; an instruction object
 * lives only as long as its text (the parser reuses it with its chunk), so its keyword is read once.
 */
const keywords = new WeakMap<DInstruction, string>();
function written(doc: TextDoc, ins: DInstruction): string {
  let k = keywords.get(ins);
  if (k === undefined) keywords.set(ins, (k = doc.getText(ins.keywordRange)));
  return k;
}

export default defineRule<DockerfileModel>({
  id: 'dockerfile/consistent-instruction-casing',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: ['buildkit:ConsistentInstructionCasing'],
  fix: 'safe',
  messages: {
    casing: "Command '{name}' should match the case of the command majority ({casing}).",
  },
  docs: {
    summary: 'Write every instruction keyword in the same case, upper or lower, as most of the file does.',
    rationale:
      'Instruction keywords are case-insensitive, but a file that mixes `RUN` and `run`, or writes `Run`, is ' +
      'harder to scan. As BuildKit does (`ConsistentInstructionCasing`), the case most keywords of the file ' +
      'use wins (upper case on a tie) and the others are reported on their keyword. Instructions before the ' +
      'first FROM are not counted, as BuildKit only counts stages. The fix re-cases the keyword.',
    bad: 'FROM alpine:3.20\nrun apk add --no-cache curl\nCMD ["curl", "--version"]\n',
    good: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nCMD ["curl", "--version"]\n',
  },
  check(ctx) {
    const { doc, model } = ctx;
    const staged = model.instructions.filter((i) => i.stage >= 0);
    let lower = 0;
    let upper = 0;
    for (const i of staged) {
      const k = written(doc, i);
      if (!selfConsistent(k)) continue;
      if (k === k.toLowerCase()) lower++;
      else upper++;
    }
    const majorityLower = lower > upper;
    for (const i of staged) {
      const k = written(doc, i);
      const fixed = majorityLower ? k.toLowerCase() : k.toUpperCase();
      if (k === fixed) continue;
      ctx.report({
        at: i.keywordRange,
        messageId: 'casing',
        data: { name: k, casing: majorityLower ? 'lowercase' : 'uppercase' },
        fix: () => ({ title: `Write '${fixed}'`, edits: [replace(i.keywordRange, fixed)] }),
      });
    }
  },
});
