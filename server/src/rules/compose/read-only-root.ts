import { defineRule } from '../../core/rule';
import {
  expectsComplete,
  imageBaseName,
  imageOf,
  lookup,
  serviceRange,
  type ComposeModel,
} from '../../languages/compose';
import { imagePrivileges } from '../../languages/image-privileges';
import { addToService, type Block } from '../../fixes/compose';

export default defineRule<ComposeModel>({
  id: 'compose/read-only-root',
  language: 'compose',
  severity: 'hint',
  recommended: false,
  aliases: [],
  fix: 'unsafe',
  messages: {
    missing:
      'Service `{name}` has a writable root filesystem: an intruder can change its binaries and configuration. Use `read_only: true` with a tmpfs for scratch space.',
  },
  docs: {
    summary: 'Hardening: services should run with a read-only root filesystem (`read_only: true`).',
    rationale:
      'A read-only root filesystem stops an intruder from replacing binaries, planting a web shell or editing ' +
      'configuration, and makes accidental writes outside volumes fail loudly instead of vanishing on the next ' +
      'restart. Many images write to `/tmp` or a run directory, so the fix adds `read_only: true` and a tmpfs ' +
      'for `/tmp` and where well-known images write (the PostgreSQL and MySQL socket directories, nginx caches); ' +
      'other paths an image ' +
      'writes to need a volume or tmpfs too, which is why this is a hint outside the recommended set and the fix ' +
      'says it changes behaviour. Quiet when `read_only` is set either way (`false` is a choice), in override ' +
      'files and for services extending one in another file.',
    bad: 'services:\n  api:\n    image: nginx:1.27\n',
    good: 'services:\n  api:\n    image: nginx:1.27\n    read_only: true\n    tmpfs:\n      - /tmp\n',
  },
  check(ctx) {
    const m = ctx.model;
    for (const s of m.services) {
      if (!expectsComplete(m, s) || lookup(m, s, 'read_only')) continue;
      ctx.report({
        at: serviceRange(m, s),
        messageId: 'missing',
        data: { name: s.name },
        fix: () => {
          const block: Block = ['read_only: true'];
          if (!lookup(m, s, 'tmpfs')) {
            const dirs = imagePrivileges(imageBaseName(imageOf(m, s)))?.writes ?? ['/tmp'];
            block.push(
              'tmpfs:',
              dirs.map((d) => `- ${d}`),
            );
          }
          const edit = addToService(m, s, block);
          return edit
            ? {
                title: 'Make the root filesystem read-only (changes behaviour: writes outside volumes fail)',
                edits: [edit],
              }
            : undefined;
        },
      });
    }
  },
});
