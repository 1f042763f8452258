import { defineRule, type FixSpec } from '../../core/rule';
import type { TextEdit } from '../../core/text';
import {
  expectsComplete,
  imageBaseName,
  imageOf,
  lookup,
  serviceRange,
  type ComposeModel,
} from '../../languages/compose';
import { imagePrivileges } from '../../languages/image-privileges';
import { addListItem, addToService, type Block } from '../../fixes/compose';
import { isScalar, items } from '../../languages/yaml/model';

export default defineRule<ComposeModel>({
  id: 'compose/cap-drop-all',
  language: 'compose',
  severity: 'hint',
  recommended: false,
  aliases: ['kics:container_capabilities_unrestricted'],
  fix: 'unsafe',
  messages: {
    missing:
      "Service `{name}` keeps Docker's default capabilities: drop them all (`cap_drop: [ALL]`) and add back only what it needs.",
  },
  docs: {
    summary: 'Hardening: services should drop all capabilities and add back the few they need.',
    rationale:
      'Docker gives every container a default set of fourteen capabilities (changing file ownership, binding low ' +
      'ports, raw sockets, `mknod`…) that most services never use and an attacker can. `cap_drop: [ALL]` with a ' +
      'short `cap_add` makes the grant explicit. It breaks images that need capabilities they do not declare, so ' +
      'the rule is a hint, not in the recommended set, and its fix says it changes behaviour; for the official ' +
      'PostgreSQL, MySQL, MariaDB, Redis and MongoDB images, whose entrypoints fix file ownership and switch user ' +
      'at start, the fix also adds CHOWN, DAC_OVERRIDE, FOWNER, SETGID and SETUID back (nginx: CHOWN, SETGID, ' +
      'SETUID, NET_BIND_SERVICE; the table is `languages/image-privileges.ts`). Quiet when `cap_drop` ' +
      'lists `ALL`, for privileged services, in override files and for services extending one in another file.',
    bad: 'services:\n  api:\n    image: nginx:1.27\n',
    good: 'services:\n  api:\n    image: nginx:1.27\n    cap_drop:\n      - ALL\n    cap_add:\n      - NET_BIND_SERVICE\n',
  },
  check(ctx) {
    const m = ctx.model;
    for (const s of m.services) {
      if (!expectsComplete(m, s)) continue;
      const privileged = lookup(m, s, 'privileged')?.value;
      if (isScalar(privileged) && (privileged.value === true || privileged.value === 'true')) continue;
      const dropped = items(lookup(m, s, 'cap_drop')?.value).map((n) =>
        isScalar(n) ? String(n.value).toUpperCase() : '',
      );
      if (dropped.includes('ALL')) continue;
      ctx.report({
        at: serviceRange(m, s),
        messageId: 'missing',
        data: { name: s.name },
        fix: (): FixSpec | undefined => {
          const caps = lookup(m, s, 'cap_add')
            ? []
            : (imagePrivileges(imageBaseName(imageOf(m, s)))?.caps ?? []);
          const needsCaps = caps.length > 0;
          const title = 'Drop all capabilities (changes behaviour: the service may need some added back)';
          if (!s.get('cap_drop')) {
            const block: Block = ['cap_drop:', ['- ALL']];
            if (needsCaps)
              block.push(
                'cap_add:',
                caps.map((c) => `- ${c}`),
              );
            const edit = addToService(m, s, block);
            return edit ? { title, edits: [edit] } : undefined;
          }
          const edits: (TextEdit | undefined)[] = [addListItem(m, s, 'cap_drop', 'ALL')];
          if (needsCaps) edits.push(addToService(m, s, ['cap_add:', caps.map((c) => `- ${c}`)]));
          if (edits.some((e) => e === undefined)) return undefined;
          return { title, edits: edits as TextEdit[] };
        },
      });
    }
  },
});
