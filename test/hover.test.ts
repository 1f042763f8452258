import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../server/src/core/rule';
import { range } from '../server/src/core/text';
import { hoverMarkdown, shortWhy } from '../server/src/lsp/hover';

function finding(ruleId: string, message: string): Finding {
  return {
    ruleId,
    message,
    severity: 'warning',
    range: range(0, 0, 0, 4),
    aliases: [],
    fixable: false,
    fixes: () => [],
  };
}

const WHY: Record<string, string> = {
  'dockerfile/a': 'First reason. Second reason. The exceptions, which belong on the page.',
  'dockerfile/b': 'Only one sentence, e.g. with `cmd. Args` inside.',
};
const url = (id: string): string =>
  `https://github.com/shipshape-dev/shipshape/blob/main/docs/rules/${id}.md`;

describe('hover markdown', () => {
  const cases: { name: string; findings: Finding[]; markdown: string }[] = [
    {
      name: 'one finding: message, its why, the link',
      findings: [finding('dockerfile/a', 'Message A.')],
      markdown: `**Message A.**\n\nFirst reason. Second reason. The exceptions, which belong on the page.\n\n[dockerfile/a](${url('dockerfile/a')})`,
    },
    {
      name: 'two findings of one rule at one place: the why is said once',
      findings: [finding('dockerfile/a', 'First.'), finding('dockerfile/a', 'Second.')],
      markdown:
        `**First.**\n\nFirst reason. Second reason. The exceptions, which belong on the page.\n\n[dockerfile/a](${url('dockerfile/a')})` +
        `\n\n---\n\n**Second.**\n\n[dockerfile/a](${url('dockerfile/a')})`,
    },
    {
      name: 'findings of different rules: one compact block each',
      findings: [finding('dockerfile/b', 'B.'), finding('dockerfile/unknown', 'U.')],
      markdown:
        `**B.**\n\nOnly one sentence, e.g. with \`cmd. Args\` inside.\n\n[dockerfile/b](${url('dockerfile/b')})` +
        `\n\n---\n\n**U.**\n\n[dockerfile/unknown](${url('dockerfile/unknown')})`,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      assert.equal(
        hoverMarkdown(c.findings, (id) => WHY[id]),
        c.markdown,
      );
    });

  it('keeps whole sentences, about two lines of them', () => {
    const long = 'x'.repeat(200);
    assert.equal(shortWhy(`One ${long}. Two ${long}. Three.`), `One ${long}.`);
    assert.equal(
      shortWhy('Short one. Short two! Short three? `code` four. (Five.)'),
      'Short one. Short two! Short three? `code` four. (Five.)',
    );
    assert.equal(shortWhy(`${long}${long} and more. Next.`), `${long}${long} and more.`);
  });
});
