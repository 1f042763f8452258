import { defineRule } from '../../core/rule';
import { portsOf, rangeOf, type ComposeModel, type ComposeService } from '../../languages/compose';
import { isScalar, items } from '../../languages/yaml/model';

interface Claim {
  service: string;
  line: number;
  hostIp: string | null;
  profiles: string[] | null;
}

export default defineRule<ComposeModel>({
  id: 'compose/duplicate-published-port',
  language: 'compose',
  severity: 'warning',
  recommended: true,
  aliases: ['dclint:no-duplicate-exported-ports'],
  fix: null,
  messages: {
    duplicate:
      'Host port {port} is already published by service `{other}` (line {line}): the second container fails to start with "port is already allocated".',
  },
  docs: {
    summary: 'Two services must not publish the same host port.',
    rationale:
      'A host port can be bound once per address and protocol. `docker compose config` accepts the file, but ' +
      '`docker compose up` starts one service and fails the other with "Bind for 0.0.0.0:8080 failed: port is ' +
      'already allocated". Ranges are expanded, protocols kept apart (`53/tcp` and `53/udp` coexist), and two ' +
      'different host addresses (`127.0.0.1:8080` and `192.168.1.10:8080`) do not clash. Services in profiles ' +
      'that are never active together, and ports built from variables, are left alone. Which service should move ' +
      'is your call, so there is no fix.',
    bad: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n  admin:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n',
    good: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n  admin:\n    image: nginx:1.27\n    ports:\n      - "8081:80"\n',
  },
  check(ctx) {
    const m = ctx.model;
    const claims = new Map<string, Claim[]>();
    for (const s of m.services) {
      const profiles = profilesOf(s);
      for (const p of portsOf(m, s)) {
        if (p.dynamic || p.error || !p.published) continue;
        const line = rangeOf(m, p.at).start.line;
        for (let port = p.published.start; port <= p.published.end; port++) {
          const key = `${port}/${p.protocol}`;
          const list = claims.get(key) ?? [];
          const clash = list.find(
            (c) =>
              c.service !== s.name &&
              (c.hostIp === null ||
                p.hostIp === null ||
                c.hostIp === p.hostIp ||
                isAny(c.hostIp) ||
                isAny(p.hostIp)) &&
              sameRun(c.profiles, profiles),
          );
          if (clash) {
            ctx.report({
              at: rangeOf(m, p.at),
              messageId: 'duplicate',
              data: { port: key, other: clash.service, line: clash.line + 1 },
            });
            break;
          }
          list.push({ service: s.name, line, hostIp: p.hostIp, profiles });
          claims.set(key, list);
        }
      }
    }
  },
});

function isAny(ip: string): boolean {
  return ip === '0.0.0.0' || ip === '::';
}

function profilesOf(s: ComposeService): string[] | null {
  const list = items(s.get('profiles')?.value)
    .filter(isScalar)
    .map((n) => String(n.value));
  return list.length ? list : null;
}

/** Services without profiles always run; two with profiles run together only if they share one. */
function sameRun(a: string[] | null, b: string[] | null): boolean {
  if (!a || !b) return true;
  return a.some((p) => b.includes(p));
}
