import { defineRule, type FixSpec } from '../../core/rule';
import type { TextEdit } from '../../core/text';
import {
  expectsComplete,
  imageBaseName,
  imageOf,
  lookup,
  serviceRange,
  type ComposeModel,
  type ComposeService,
} from '../../languages/compose';
import { imagePrivileges } from '../../languages/image-privileges';
import { addListItem, addToService, type Block } from '../../fixes/compose';
import { isScalar, items } from '../../languages/yaml/model';

function strings(m: ComposeModel, s: ComposeService, key: string): string[] {
  return items(lookup(m, s, key)?.value).map((n) => (isScalar(n) ? String(n.value) : ''));
}

export default defineRule<ComposeModel>({
  id: 'compose/harden-service',
  language: 'compose',
  severity: 'hint',
  recommended: true,
  aliases: ['kics:security_opt_not_set'],
  fix: 'unsafe',
  messages: {
    harden:
      'Harden service `{name}`: one fix adds what it lacks of `cap_drop: [ALL]` (with what its image needs added back), `no-new-privileges:true` and `read_only: true`.',
  },
  docs: {
    summary:
      'Hardening in one step: drop capabilities, forbid privilege escalation, make the root filesystem read-only.',
    rationale:
      "A service that keeps Docker's default capabilities, lets setuid programs raise privileges and can write " +
      'its own binaries gives an intruder room the service never uses. This rule says what is missing in one ' +
      'finding per service, and its one fix adds it all: `cap_drop: [ALL]` with `cap_add` for what the image is ' +
      'known to need (nginx: CHOWN, SETGID, SETUID, NET_BIND_SERVICE; the official databases: what their ' +
      'entrypoints use to fix ownership and switch user), `security_opt: [no-new-privileges:true]`, and ' +
      '`read_only: true` with a tmpfs where the image writes. For images it does not know, nothing is added back ' +
      'and the fix title says so. Every fix here changes behaviour. A hint in the recommended preset; the strict ' +
      'preset reports each gap on its own (`compose/cap-drop-all`, `compose/no-new-privileges`, ' +
      '`compose/read-only-root`) instead. Quiet for privileged services, in override files, for `provider:` ' +
      'services and for services extending one in another file; an explicit `read_only: false` or ' +
      '`no-new-privileges:false` is a choice and is not reported here.',
    bad: 'services:\n  web:\n    image: nginx:1.27\n',
    good:
      'services:\n  web:\n    image: nginx:1.27\n    cap_drop:\n      - ALL\n    cap_add:\n      - CHOWN\n      - SETGID\n' +
      '      - SETUID\n      - NET_BIND_SERVICE\n    security_opt:\n      - no-new-privileges:true\n    read_only: true\n' +
      '    tmpfs:\n      - /tmp\n      - /var/cache/nginx\n      - /var/run\n',
  },
  check(ctx) {
    const m = ctx.model;
    for (const s of m.services) {
      if (!expectsComplete(m, s)) continue;
      const privileged = lookup(m, s, 'privileged')?.value;
      if (isScalar(privileged) && (privileged.value === true || privileged.value === 'true')) continue;
      const caps = !strings(m, s, 'cap_drop').some((c) => c.toUpperCase() === 'ALL');
      const securityOpts = strings(m, s, 'security_opt');
      const nnp = !securityOpts.some((o) => /^no-new-privileges([:=].*)?$/.test(o));
      const readOnly = !lookup(m, s, 'read_only');
      if (!caps && !nnp && !readOnly) continue;
      ctx.report({
        at: serviceRange(m, s),
        messageId: 'harden',
        data: { name: s.name },
        aliases: lookup(m, s, 'security_opt') ? [] : ['kics:security_opt_not_set'],
        fix: () => hardenFix(m, s, { caps, nnp, readOnly }),
      });
    }
  },
});

function hardenFix(
  m: ComposeModel,
  s: ComposeService,
  gaps: { caps: boolean; nnp: boolean; readOnly: boolean },
): FixSpec | undefined {
  const known = imagePrivileges(imageBaseName(imageOf(m, s)));
  const block: Block = [];
  const edits: (TextEdit | undefined)[] = [];
  const added: string[] = [];
  if (gaps.caps) {
    if (s.get('cap_drop')) edits.push(addListItem(m, s, 'cap_drop', 'ALL'));
    else block.push('cap_drop:', ['- ALL']);
    if (known && known.caps.length > 0 && !lookup(m, s, 'cap_add')) {
      block.push(
        'cap_add:',
        known.caps.map((c) => `- ${c}`),
      );
      added.push(...known.caps);
    }
  }
  if (gaps.nnp) {
    if (s.get('security_opt')) edits.push(addListItem(m, s, 'security_opt', 'no-new-privileges:true'));
    else block.push('security_opt:', ['- no-new-privileges:true']);
  }
  if (gaps.readOnly) {
    block.push('read_only: true');
    if (!lookup(m, s, 'tmpfs'))
      block.push(
        'tmpfs:',
        (known?.writes ?? ['/tmp']).map((d) => `- ${d}`),
      );
  }
  if (block.length > 0) edits.push(addToService(m, s, block));
  if (edits.some((e) => e === undefined)) return undefined;
  const title =
    gaps.caps && !known
      ? `Harden \`${s.name}\` (changes behaviour: its image is not known here, so no capability is added back; add what it needs to cap_add)`
      : `Harden \`${s.name}\` (changes behaviour${added.length ? `: only ${added.join(', ')} are kept` : ''})`;
  return { title, edits: edits as TextEdit[] };
}
