import { defineRule } from '../../core/rule';
import { portsOf, publishedOnAllInterfaces, rangeOf, type ComposeModel } from '../../languages/compose';
import { bindPortLocally } from '../../fixes/compose-security';

export default defineRule<ComposeModel>({
  id: 'compose/port-all-interfaces',
  language: 'compose',
  severity: 'info',
  recommended: false,
  aliases: ['kics:container_traffic_not_bound_to_host_interface'],
  fix: 'unsafe',
  messages: {
    all: 'Port `{port}` is published on every interface of the host: give it a host address (`127.0.0.1:…`) unless other machines must reach it.',
  },
  docs: {
    summary: 'Opt-in: published ports should name the host interface they listen on.',
    rationale:
      'Without a host address, Docker publishes a port on every interface of the host, and its iptables rules ' +
      'bypass host firewalls such as ufw. A service meant for the machine itself (an admin UI, a debugger port) ' +
      'then faces the network. This rule is off in every preset (turn it on with `rules: { ' +
      'compose/port-all-interfaces: info }`), since a reverse proxy or a public service is meant to listen ' +
      'everywhere; database and cache ports are reported by `compose/database-port-exposed` in any case. Ports ' +
      'from unresolved variables are left alone. The fix binds the port to 127.0.0.1, so other machines can no ' +
      'longer connect, and says so.',
    bad: 'services:\n  admin:\n    image: adminer:4.8.1\n    ports:\n      - "8080:8080"\n',
    good: 'services:\n  admin:\n    image: adminer:4.8.1\n    ports:\n      - "127.0.0.1:8080:8080"\n',
  },
  check(ctx) {
    const m = ctx.model;
    const seen = new Set<unknown>();
    for (const s of m.services)
      for (const p of portsOf(m, s)) {
        if (p.dynamic || p.error || !p.target || seen.has(p.node) || !publishedOnAllInterfaces(p)) continue;
        seen.add(p.node);
        const t = p.target;
        ctx.report({
          at: rangeOf(m, p.at),
          messageId: 'all',
          data: { port: p.text ?? (t.start === t.end ? `${t.start}` : `${t.start}-${t.end}`) },
          fix: () => {
            const edit = bindPortLocally(m, p);
            return edit
              ? {
                  title: 'Publish it on 127.0.0.1 only (changes behaviour: other hosts cannot connect)',
                  edits: [edit],
                }
              : undefined;
          },
        });
      }
  },
});
