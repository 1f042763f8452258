import { defineRule } from '../../core/rule';
import { rangeOf, type ComposeModel } from '../../languages/compose';
import { deletePair } from '../../fixes/yaml';
import { isScalar, nodeRange } from '../../languages/yaml/model';

export default defineRule<ComposeModel>({
  id: 'compose/privileged',
  language: 'compose',
  severity: 'warning',
  recommended: true,
  aliases: ['kics:privileged_containers_enabled'],
  fix: 'unsafe',
  messages: {
    privileged:
      'Service `{name}` runs privileged: it gets every capability and every host device, so escaping to the host is trivial.',
  },
  docs: {
    summary: 'Do not run services with `privileged: true`.',
    rationale:
      'A privileged container has all capabilities, sees every device of the host and is not confined by seccomp ' +
      'or AppArmor: root in it is root on the host. Most services that ask for it need one capability ' +
      '(`cap_add: [NET_ADMIN]`) or one device (`devices:`). Only `true` (or the string `"true"`) is reported. The ' +
      'fix removes the line; the service may then need the narrower grant, so the fix says it changes ' +
      'behaviour. Docker-in-Docker and similar tools that truly need it can be silenced with ' +
      '`# shipshape-ignore compose/privileged -- reason` above the key.',
    bad: 'services:\n  agent:\n    image: busybox:1.36\n    privileged: true\n',
    good: 'services:\n  agent:\n    image: busybox:1.36\n    cap_add:\n      - NET_ADMIN\n',
  },
  check(ctx) {
    const m = ctx.model;
    const seen = new Set<unknown>();
    for (const s of m.services) {
      const e = s.get('privileged');
      if (!e || seen.has(e.pair)) continue;
      seen.add(e.pair);
      const v = e.value;
      if (!isScalar(v) || !(v.value === true || v.value === 'true')) continue;
      ctx.report({
        at: e.merged ? rangeOf(m, v) : nodeRange(m.doc, e.pair),
        messageId: 'privileged',
        data: { name: s.name },
        fix: e.merged
          ? undefined
          : () => {
              const edit = deletePair(m.doc, e.pair);
              return edit
                ? { title: 'Remove `privileged: true` (changes behaviour)', edits: [edit] }
                : undefined;
            },
      });
    }
  },
});
