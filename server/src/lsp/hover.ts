import { docsUrl, type Finding } from '../core/rule';
import { rules } from '../rules';

const rationaleById = new Map(rules.map((r) => [r.id, r.docs.rationale]));

/** Room for about two lines of a hover: the rest of the rationale is on the rule's page. */
const WHY_CHARS = 240;

/**
 * The opening of a rationale: whole sentences, at least one, up to about two lines. Rationales go on to the
 * exceptions and the fix, which belong on the rule's page rather than under the cursor.
 */
export function shortWhy(rationale: string): string {
  // A sentence ends at `.`, `!` or `?` before a space and a capital, a backtick or a parenthesis.
  const sentences = rationale.trim().split(/(?<=[.!?])\s+(?=[A-Z`(])/);
  let out = sentences[0] ?? '';
  for (const s of sentences.slice(1)) {
    if (out.length + 1 + s.length > WHY_CHARS) break;
    out += ' ' + s;
  }
  return out;
}

/**
 * Hover markdown for the findings under the cursor: one compact block per finding (message, why, link).
 * When several findings of one rule meet there, its why is said once.
 */
export function hoverMarkdown(
  findings: readonly Finding[],
  rationaleOf: (ruleId: string) => string | undefined = (id) => rationaleById.get(id),
): string {
  const explained = new Set<string>();
  return findings
    .map((f) => {
      const lines = [`**${f.message}**`];
      const rationale = rationaleOf(f.ruleId);
      if (rationale && !explained.has(f.ruleId)) lines.push('', shortWhy(rationale));
      explained.add(f.ruleId);
      lines.push('', `[${f.ruleId}](${docsUrl(f.ruleId)})`);
      return lines.join('\n');
    })
    .join('\n\n---\n\n');
}
