import { defineRule } from '../../core/rule';
import { expectsComplete, lookup, serviceRange, type ComposeModel } from '../../languages/compose';
import { addListItem } from '../../fixes/compose';
import { isScalar, items } from '../../languages/yaml/model';

export default defineRule<ComposeModel>({
  id: 'compose/no-new-privileges',
  language: 'compose',
  severity: 'info',
  recommended: false,
  aliases: ['kics:no_new_privileges_not_set'],
  fix: 'unsafe',
  messages: {
    missing:
      'Service `{name}` does not set `no-new-privileges`: a setuid binary in the image can still raise a compromised process to root.',
  },
  docs: {
    summary: 'Hardening: services should set `security_opt: [no-new-privileges:true]`.',
    rationale:
      'With `no-new-privileges` the kernel refuses to grant more privileges on `execve` (setuid and setcap ' +
      'binaries stop working), which closes the most common path from a compromised process to root inside the ' +
      'container. Images that start as root and drop to a user themselves (`gosu`, `su-exec`) keep working; ' +
      'programs that need `sudo` or `ping` with file capabilities do not. It is hardening rather than a defect, ' +
      'so the rule is informational and not in the recommended set. Quiet when `security_opt` has any ' +
      '`no-new-privileges` entry (also `:false`, a deliberate choice), for privileged services (their own rule ' +
      'applies), in override files and for services extending one in another file.',
    bad: 'services:\n  api:\n    image: nginx:1.27\n',
    good: 'services:\n  api:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n',
  },
  check(ctx) {
    const m = ctx.model;
    for (const s of m.services) {
      if (!expectsComplete(m, s)) continue;
      const privileged = lookup(m, s, 'privileged')?.value;
      if (isScalar(privileged) && (privileged.value === true || privileged.value === 'true')) continue;
      const opts = items(lookup(m, s, 'security_opt')?.value).map((n) =>
        isScalar(n) ? String(n.value) : '',
      );
      if (opts.some((o) => /^no-new-privileges([:=].*)?$/.test(o))) continue;
      ctx.report({
        at: serviceRange(m, s),
        messageId: 'missing',
        data: { name: s.name },
        fix: () => {
          const edit = addListItem(m, s, 'security_opt', 'no-new-privileges:true');
          return edit
            ? {
                title: 'Add `no-new-privileges:true` (changes behaviour: setuid programs stop working)',
                edits: [edit],
              }
            : undefined;
        },
      });
    }
  },
});
