import { defineRule } from '../../core/rule';
import {
  expectsComplete,
  lookup,
  oneShotServices,
  scalarAt,
  serviceRange,
  entryAt,
  type ComposeModel,
} from '../../languages/compose';
import { addToService } from '../../fixes/compose';

export default defineRule<ComposeModel>({
  id: 'compose/restart-policy',
  language: 'compose',
  severity: 'info',
  recommended: false,
  aliases: [],
  fix: 'unsafe',
  messages: {
    missing: 'Service `{name}` has no restart policy: after a crash or a reboot of the host it stays down.',
  },
  docs: {
    summary: 'Long-running services should set a restart policy (`restart: unless-stopped`).',
    rationale:
      "Compose's default policy is `no`: a service that crashes, or every service after the Docker daemon or the " +
      'host restarts, stays down until someone runs `docker compose up` again. Production stacks use ' +
      '`restart: unless-stopped` (or `always`). Quiet when `restart` or `deploy.restart_policy` is set (`"no"` is ' +
      'a choice), for one-shot services others wait on with `service_completed_successfully`, for services in ' +
      '`profiles` (usually tools run by hand), in override files and for services extending one in another file. ' +
      'Informational and outside the recommended set, since development files often want crashes to stay ' +
      'visible. The fix adds `restart: unless-stopped`; containers then come back by themselves, so it says it ' +
      'changes behaviour.',
    bad: 'services:\n  api:\n    image: nginx:1.27\n',
    good: 'services:\n  api:\n    image: nginx:1.27\n    restart: unless-stopped\n',
  },
  check(ctx) {
    const m = ctx.model;
    const oneShot = oneShotServices(m);
    for (const s of m.services) {
      if (!expectsComplete(m, s) || oneShot.has(s.name)) continue;
      if (lookup(m, s, 'restart') || lookup(m, s, 'profiles')) continue;
      if (
        entryAt(lookup(m, s, 'deploy')?.value, 'restart_policy') ||
        scalarAt(m, s, ['deploy', 'restart_policy'])
      )
        continue;
      ctx.report({
        at: serviceRange(m, s),
        messageId: 'missing',
        data: { name: s.name },
        fix: () => {
          const edit = addToService(m, s, ['restart: unless-stopped']);
          return edit
            ? {
                title:
                  'Add `restart: unless-stopped` (changes behaviour: it comes back after crashes and reboots)',
                edits: [edit],
              }
            : undefined;
        },
      });
    }
  },
});
