import { defineRule, type Severity } from '../../core/rule';
import { rangeOf, serviceListItems, type ComposeModel } from '../../languages/compose';
import { deleteListItem } from '../../fixes/compose-security';

interface Weakening {
  /** `name` and `value` as Docker reads `name:value` or `name=value`. */
  test: (name: string, value: string) => boolean;
  what: string;
  severity: Severity;
  aliases: string[];
}

const WEAKENINGS: Weakening[] = [
  { test: (n, v) => n === 'seccomp' && v === 'unconfined', what: 'turns off the seccomp profile, so every system call (mount, kexec, bpf…) reaches the kernel', severity: 'warning', aliases: ['kics:default_seccomp_profile_disabled'] },
  { test: (n, v) => n === 'apparmor' && v === 'unconfined', what: 'turns off the AppArmor profile that stops writes to /proc and /sys and mounts', severity: 'warning', aliases: [] },
  { test: (n, v) => n === 'label' && v === 'disable', what: 'turns off SELinux separation, which keeps the container from host files', severity: 'warning', aliases: [] },
  { test: (n, v) => n === 'systempaths' && v === 'unconfined', what: 'unmasks /proc and /sys paths Docker hides (kcore, sysrq-trigger…)', severity: 'warning', aliases: [] },
  { test: (n, v) => n === 'no-new-privileges' && v === 'false', what: 'says setuid programs may raise privileges; remove it, or set it to true', severity: 'info', aliases: [] },
]; // prettier-ignore

export default defineRule<ComposeModel>({
  id: 'compose/security-opt-disabled',
  language: 'compose',
  severity: 'warning',
  recommended: true,
  aliases: ['kics:default_seccomp_profile_disabled'],
  fix: 'unsafe',
  messages: {
    disabled: 'Service `{name}`: `{opt}` {what}.',
  },
  docs: {
    summary: 'Services should not turn off seccomp, AppArmor or SELinux confinement in `security_opt`.',
    rationale:
      "Docker's default seccomp profile, AppArmor profile and SELinux labels are what stand between root in a " +
      'container and the kernel: `seccomp:unconfined`, `apparmor:unconfined`, `label:disable` and ' +
      '`systempaths=unconfined` take one away, and a container escape needs one step less. Both `:` and `=` are ' +
      'read, as Docker does. `no-new-privileges:false` is only informational: it is the default, but written out ' +
      'it reads as a decision to allow setuid escalation. Debuggers and some system tools do need an unconfined ' +
      'profile: silence the finding with a reason, or better, give them a custom profile (`seccomp:./profile.json`), ' +
      'which is not reported. The fix removes the option and says that it changes behaviour.',
    bad: 'services:\n  app:\n    image: nginx:1.27\n    security_opt:\n      - seccomp:unconfined\n',
    good: 'services:\n  app:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n',
  },
  check(ctx) {
    const m = ctx.model;
    for (const { service: s, entry: e, item, value: written } of serviceListItems(m, 'security_opt')) {
      const opt = written.trim();
      const sep = opt.search(/[:=]/);
      if (sep < 0) continue;
      const name = opt.slice(0, sep).toLowerCase();
      const value = opt.slice(sep + 1).toLowerCase();
      const w = WEAKENINGS.find((x) => x.test(name, value));
      if (!w) continue;
      ctx.report({
        at: rangeOf(m, item),
        messageId: 'disabled',
        data: { name: s.name, opt, what: w.what },
        severity: w.severity,
        aliases: w.aliases,
        fix: () => {
          const edit = deleteListItem(m, e, item);
          return edit ? { title: `Remove \`${opt}\` (changes behaviour)`, edits: [edit] } : undefined;
        },
      });
    }
  },
});
