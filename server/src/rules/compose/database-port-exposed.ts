import { defineRule } from '../../core/rule';
import { portsOf, publishedOnAllInterfaces, rangeOf, type ComposeModel } from '../../languages/compose';
import { bindPortLocally } from '../../fixes/compose-security';

/** Ports of databases, caches and brokers that are not meant to face the network. */
const DATA_PORTS: Record<number, string> = {
  5432: 'PostgreSQL',
  3306: 'MySQL',
  6379: 'Redis',
  27017: 'MongoDB',
  11211: 'Memcached',
  9200: 'Elasticsearch',
  5984: 'CouchDB',
  9042: 'Cassandra',
  26257: 'CockroachDB',
  8086: 'InfluxDB',
  7687: 'Neo4j',
  5672: 'RabbitMQ',
};

export default defineRule<ComposeModel>({
  id: 'compose/database-port-exposed',
  language: 'compose',
  severity: 'warning',
  recommended: true,
  aliases: [],
  fix: 'unsafe',
  messages: {
    exposed:
      'The {what} port {port} is published on every interface of the host: anyone who can reach the machine can try to connect. Bind it to 127.0.0.1, or drop it.',
  },
  docs: {
    summary: 'Database and cache ports should not be published on every interface of the host.',
    rationale:
      'Docker publishes ports on all interfaces (`0.0.0.0`) unless a host address is given, and its iptables ' +
      'rules bypass host firewalls such as ufw: a `"5432:5432"` written for local debugging exposes PostgreSQL to ' +
      'the network. Databases, caches and brokers (PostgreSQL 5432, MySQL 3306, Redis 6379, MongoDB 27017, ' +
      'Memcached 11211, Elasticsearch 9200, RabbitMQ 5672, …) are reported by their container port, whatever the ' +
      'image, when published without a host address or on `0.0.0.0`/`::`. Other services, such as the reverse ' +
      'proxy that should face the network, are not. Bound to `127.0.0.1`, the port still serves tools on the same ' +
      'machine; the fix does that, in short or long syntax. Other hosts lose access, so the fix says it changes ' +
      'behaviour. Ports from variables `.env` does not resolve are left alone.',
    bad: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n',
    good: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "127.0.0.1:5432:5432"\n',
  },
  check(ctx) {
    const m = ctx.model;
    const seen = new Set<unknown>();
    for (const s of m.services)
      for (const p of portsOf(m, s)) {
        if (p.dynamic || p.error || !p.target || seen.has(p.node) || !publishedOnAllInterfaces(p)) continue;
        let port: number | undefined;
        for (let x = p.target.start; x <= p.target.end && port === undefined; x++)
          if (DATA_PORTS[x]) port = x;
        if (port === undefined) continue;
        seen.add(p.node);
        ctx.report({
          at: rangeOf(m, p.at),
          messageId: 'exposed',
          data: { what: DATA_PORTS[port] as string, port },
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
