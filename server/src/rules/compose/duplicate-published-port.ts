import { defineRule } from '../../core/rule';
import {
  lookup,
  portsOf,
  rangeOf,
  resolvedValue,
  scalarAt,
  type ComposeModel,
  type ComposeService,
} from '../../languages/compose';
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
    twiceInService:
      'Host port {port} is already published by this service (line {line}) for another container port: the container fails to start with "port is already allocated".',
    replicas:
      'Service `{name}` runs {count} replicas on fixed host port {port}: only the first can bind it, the others fail with "port is already allocated". Publish a range (`"8080-8083:80"`) or only the container port.',
  },
  docs: {
    summary: 'Two services must not publish the same host port.',
    rationale:
      'A host port can be bound once per address and protocol. `docker compose config` accepts the file, but ' +
      '`docker compose up` starts one service and fails the other with "Bind for 0.0.0.0:8080 failed: port is ' +
      'already allocated". Ranges are expanded, protocols kept apart (`53/tcp` and `53/udp` coexist), and two ' +
      'different host addresses (`127.0.0.1:8080` and `192.168.1.10:8080`) do not clash. Services in profiles ' +
      'that are never active together, and ports built from variables, are left alone. Which service should move ' +
      'is your call, so there is no fix. The same host port twice in one service for two container ports fails the ' +
      'same way (identical items are merged by Compose and stay quiet), and so does a fixed host port on a service ' +
      'with `scale` or `deploy.replicas` above 1.',
    bad: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n  admin:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n',
    good: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n  admin:\n    image: nginx:1.27\n    ports:\n      - "8081:80"\n',
  },
  check(ctx) {
    const m = ctx.model;
    const claims = new Map<string, Claim[]>();
    for (const s of m.services) {
      const profiles = profilesOf(s);
      const own = new Map<string, { target: string; hostIp: string | null; line: number }>();
      const count = replicasOf(m, s);
      for (const p of portsOf(m, s)) {
        if (p.dynamic || p.error || !p.published) continue;
        const line = rangeOf(m, p.at).start.line;
        if (p.published.start === p.published.end) {
          const key = `${p.published.start}/${p.protocol}`;
          const target = `${p.target?.start ?? ''}-${p.target?.end ?? ''}`;
          const before = own.get(key);
          if (before && before.target !== target && sameIp(before.hostIp, p.hostIp)) {
            ctx.report({
              at: rangeOf(m, p.at),
              messageId: 'twiceInService',
              data: { port: key, line: before.line + 1 },
            });
            continue;
          }
          if (!before) own.set(key, { target, hostIp: p.hostIp, line });
          if (count > 1)
            ctx.report({
              at: rangeOf(m, p.at),
              messageId: 'replicas',
              data: { name: s.name, count, port: key },
            });
        }
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

function sameIp(a: string | null, b: string | null): boolean {
  return a === null || b === null || a === b || isAny(a) || isAny(b);
}

/** `scale`, else `deploy.replicas` (compose-go `GetScale`); 1 when neither is a plain number. */
function replicasOf(m: ComposeModel, s: ComposeService): number {
  const scale = lookup(m, s, 'scale')?.value;
  const node = scale ?? scalarAt(m, s, ['deploy', 'replicas']);
  const v = resolvedValue(m, node);
  return v !== null && /^\d+$/.test(v) ? Number(v) : 1;
}

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
