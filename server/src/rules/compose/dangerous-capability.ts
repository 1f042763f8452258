import { defineRule, type Severity } from '../../core/rule';
import { rangeOf, serviceListItems, type ComposeModel } from '../../languages/compose';
import { deleteListItem } from '../../fixes/compose-security';

/**
 * Capabilities outside Docker's default set that break the container's isolation, and what each gives.
 * NET_ADMIN is informational: VPN and routing containers need it, and it reaches only the container's own
 * network namespace unless the service also shares the host's.
 */
const DANGEROUS: Record<string, { gives: string; severity: Severity }> = {
  ALL: { gives: 'every capability, as good as `privileged`', severity: 'warning' },
  SYS_ADMIN: {
    gives: 'mount, namespaces and most of root: the usual way out of a container',
    severity: 'warning',
  },
  SYS_MODULE: { gives: 'loading kernel modules, that is, code in the host kernel', severity: 'warning' },
  SYS_PTRACE: { gives: 'tracing and injecting code into processes it can see', severity: 'warning' },
  SYS_RAWIO: { gives: 'raw I/O to devices and memory', severity: 'warning' },
  DAC_READ_SEARCH: { gives: 'reading any file by handle, a known escape (shocker)', severity: 'warning' },
  SYS_BOOT: { gives: 'rebooting the host', severity: 'warning' },
  SYS_TIME: { gives: "setting the host's clock", severity: 'warning' },
  MAC_ADMIN: { gives: 'changing the AppArmor or SELinux policy', severity: 'warning' },
  MAC_OVERRIDE: { gives: 'overriding the AppArmor or SELinux policy', severity: 'warning' },
  BPF: { gives: 'loading BPF programs into the host kernel', severity: 'warning' },
  PERFMON: { gives: 'kernel performance monitoring, which reads kernel memory', severity: 'warning' },
  SYSLOG: { gives: 'reading kernel addresses from the kernel log', severity: 'warning' },
  NET_ADMIN: { gives: 'changing network interfaces, routes and firewall rules', severity: 'info' },
};

export default defineRule<ComposeModel>({
  id: 'compose/dangerous-capability',
  language: 'compose',
  severity: 'warning',
  recommended: true,
  aliases: [],
  fix: 'unsafe',
  messages: {
    dangerous: 'Service `{name}` adds `{cap}`: {gives}.',
  },
  docs: {
    summary: 'Services should not add capabilities that break isolation (`ALL`, `SYS_ADMIN`, `SYS_PTRACE`…).',
    rationale:
      '`cap_add` grants capabilities beyond Docker’s default set. `ALL`, `SYS_ADMIN`, `SYS_MODULE`, `SYS_PTRACE`, ' +
      '`SYS_RAWIO`, `DAC_READ_SEARCH`, `BPF` and the like each open a known path from the container to the host; ' +
      'they are reported even when `cap_drop: [ALL]` is present, since adding back after dropping is still ' +
      'adding. `NET_ADMIN` is informational: VPN and routing containers need it. Names are read as Docker does, ' +
      'in any case and with or without `CAP_`. Capabilities that are safe to add back after `cap_drop: [ALL]` ' +
      '(`CHOWN`, `NET_BIND_SERVICE`, `SETUID`…) are not reported. The fix removes the capability, which breaks a ' +
      'service that uses it, so it says so.',
    bad: 'services:\n  app:\n    image: nginx:1.27\n    cap_add:\n      - SYS_ADMIN\n',
    good: 'services:\n  app:\n    image: nginx:1.27\n    cap_drop:\n      - ALL\n    cap_add:\n      - NET_BIND_SERVICE\n',
  },
  check(ctx) {
    const m = ctx.model;
    for (const { service: s, entry: e, item, value } of serviceListItems(m, 'cap_add')) {
      const cap = value.trim().toUpperCase().replace(/^CAP_/, '');
      const d = DANGEROUS[cap];
      if (!d) continue;
      ctx.report({
        at: rangeOf(m, item),
        messageId: 'dangerous',
        data: { name: s.name, cap, gives: d.gives },
        severity: d.severity,
        fix: () => {
          const edit = deleteListItem(m, e, item);
          return edit ? { title: `Remove \`${cap}\` (changes behaviour)`, edits: [edit] } : undefined;
        },
      });
    }
  },
});
