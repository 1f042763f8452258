import { defineRule } from '../../core/rule';
import type { ComposeModel } from '../../languages/compose';
import { deletePair } from '../../fixes/yaml';
import { nodeRange } from '../../languages/yaml/model';

export default defineRule<ComposeModel>({
  id: 'compose/obsolete-version',
  language: 'compose',
  severity: 'warning',
  recommended: true,
  aliases: ['dclint:no-version-field'],
  fix: 'safe',
  messages: {
    obsolete: 'The top-level `version` is obsolete: Compose ignores it and warns on every run. Remove it.',
  },
  docs: {
    summary: 'Leave out the obsolete top-level `version` field.',
    rationale:
      'The Compose Specification merged the 2.x and 3.x formats; `docker compose` ignores `version` and prints ' +
      '"the attribute `version` is obsolete" each time it reads the file. Keeping it suggests features are gated ' +
      'by it (they are not) and adds noise to every command. Removing it changes nothing Compose does, so the fix ' +
      'is safe. Only the top-level key is reported; a `version` inside `x-` fields or labels is data. A file ' +
      'that holds nothing but `version` gets no fix: without it the file would be empty, which Compose rejects.',
    bad: "version: '3.8'\nservices:\n  web:\n    image: nginx:1.27\n",
    good: 'services:\n  web:\n    image: nginx:1.27\n',
  },
  check(ctx) {
    const e = ctx.model.top.get('version');
    if (!e || e.merged) return;
    ctx.report({
      at: nodeRange(ctx.doc, e.pair),
      messageId: 'obsolete',
      // A file of nothing but `version` would be left empty, which Compose rejects ("empty compose file").
      fix: () => {
        if (ctx.model.top.size === 1) return undefined;
        const edit = deletePair(ctx.doc, e.pair);
        return edit ? { title: 'Remove the obsolete `version` field', edits: [edit] } : undefined;
      },
    });
  },
});
