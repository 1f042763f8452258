import { defineRule } from '../../core/rule';
import { portsOf, rangeOf, type ComposeModel } from '../../languages/compose';

export default defineRule<ComposeModel>({
  id: 'compose/invalid-port',
  language: 'compose',
  severity: 'error',
  recommended: true,
  aliases: [],
  fix: null,
  messages: {
    invalid: 'Invalid port mapping: {reason}. The form is `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`.',
  },
  docs: {
    summary:
      'Port mappings must be `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]` with ports up to 65535.',
    rationale:
      'The schema only says a port is a string or a number; Compose then parses it and rejects the project on a ' +
      'port above 65535, a word where a number belongs, an unknown protocol, a host address that is not an IP, or ' +
      'host and container ranges of different lengths. This rule parses both the short syntax and the long ' +
      '(`target:`, `published:`, `host_ip:`, `protocol:`) as Docker does, after substituting variables from ' +
      '`.env`; values built from variables it cannot resolve are not judged. IPv6 host addresses in brackets ' +
      '(`[::1]:8080:80`) and ranges (`8000-8010:8000-8010`) are valid.',
    bad: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "80800:80"\n',
    good: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n',
  },
  check(ctx) {
    const m = ctx.model;
    const seen = new Set<unknown>();
    for (const s of m.services)
      for (const p of portsOf(m, s)) {
        if (!p.error || p.dynamic || seen.has(p.node)) continue;
        seen.add(p.node);
        ctx.report({ at: rangeOf(m, p.at), messageId: 'invalid', data: { reason: p.error } });
      }
  },
});
