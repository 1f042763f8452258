import { defineRule, type FixSpec } from '../../core/rule';
import type { TextEdit } from '../../core/text';
import {
  expectsComplete,
  imageOf,
  lookup,
  serviceKind,
  serviceRange,
  type ComposeModel,
} from '../../languages/compose';
import { addListItem, addToService, type Block } from '../../fixes/compose';
import { isScalar, items } from '../../languages/yaml/model';

/**
 * What the official database and cache images need at start-up: their entrypoints run as root, fix the
 * ownership of the data directory (CHOWN, DAC_OVERRIDE, FOWNER) and switch to their own user with gosu
 * (SETGID, SETUID).
 */
const ENTRYPOINT_CAPS = ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID'];

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
      'at start, the fix also adds CHOWN, DAC_OVERRIDE, FOWNER, SETGID and SETUID back. Quiet when `cap_drop` ' +
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
          const needsCaps = serviceKind(imageOf(m, s)) !== 'other' && !lookup(m, s, 'cap_add');
          const title = 'Drop all capabilities (changes behaviour: the service may need some added back)';
          if (!s.get('cap_drop')) {
            const block: Block = ['cap_drop:', ['- ALL']];
            if (needsCaps)
              block.push(
                'cap_add:',
                ENTRYPOINT_CAPS.map((c) => `- ${c}`),
              );
            const edit = addToService(m, s, block);
            return edit ? { title, edits: [edit] } : undefined;
          }
          const edits: (TextEdit | undefined)[] = [addListItem(m, s, 'cap_drop', 'ALL')];
          if (needsCaps) edits.push(addToService(m, s, ['cap_add:', ENTRYPOINT_CAPS.map((c) => `- ${c}`)]));
          if (edits.some((e) => e === undefined)) return undefined;
          return { title, edits: edits as TextEdit[] };
        },
      });
    }
  },
});
