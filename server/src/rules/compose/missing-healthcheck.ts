import { defineRule } from '../../core/rule';
import {
  dockerfileOf,
  environmentOf,
  declaresHealthcheck,
  expectsComplete,
  healthcheckState,
  imageBaseName,
  imageOf,
  oneShotServices,
  portsOf,
  serviceKind,
  serviceRange,
  setElsewhere,
  hasVariables,
  type ComposeImage,
  type ComposeModel,
  type ComposeService,
} from '../../languages/compose';
import { exposedPorts, finalStage, parseDockerfile } from '../../languages/dockerfile';
import { baseImageTools, toolPresence } from '../../languages/dockerfile/images';
import { addToService } from '../../fixes/compose';
import { composeTest } from '../../fixes/healthcheck';
import { wellKnownImage } from '../../languages/well-known-images';
import { addCondition, hasHealthcheck, waitsOnlyToStart } from '../../fixes/compose-depends-on';
import { isScalar, items } from '../../languages/yaml/model';

export default defineRule<ComposeModel>({
  id: 'compose/missing-healthcheck',
  language: 'compose',
  severity: 'info',
  recommended: true,
  aliases: ['kics:healthcheck_not_set'],
  fix: 'unsafe',
  messages: {
    missing:
      'Service `{name}` has no healthcheck: Compose cannot tell a running container from a working one, and `depends_on` cannot wait for it to be ready.',
  },
  docs: {
    summary: 'Long-running services should say how to check that they are healthy.',
    rationale:
      'A health check lets `docker compose ps` show whether a service works, lets dependants wait with ' +
      '`condition: service_healthy` instead of racing it at start-up, and marks a hung process unhealthy. The rule ' +
      'stays quiet when the service sets `healthcheck:` (including `disable: true`, a deliberate choice), when the ' +
      'Dockerfile it builds has a HEALTHCHECK, for one-shot services others wait on with ' +
      '`service_completed_successfully`, in override files, and for services extending one in another file. The ' +
      'fix fits the image: `pg_isready` for PostgreSQL, `redis-cli ping` for Redis, `mysqladmin ping` for MySQL, ' +
      '`mariadb-admin ping` for MariaDB (its 11.x images dropped the mysql* names), `mongosh` for MongoDB, and ' +
      'the endpoint or command of well-known images (Grafana `/api/health`, Prometheus `/-/healthy`, Gitea ' +
      '`/api/healthz`, pgAdmin `/misc/ping`, Kibana `/api/status`, Elasticsearch `/_cluster/health`, nginx `/`, ' +
      'MinIO `mc ready local`, RabbitMQ `rabbitmq-diagnostics ping`, Traefik `healthcheck --ping` when ping is ' +
      'on; none for Keycloak, whose image has no HTTP client), and stays quiet for images that declare their own ' +
      'HEALTHCHECK (pihole/pihole, itzg/minecraft-server); ' +
      "otherwise curl or wget (whichever the image has) on the service's port at `/health`, with common " +
      'timings (30s interval, 10s timeout, 3 retries, 40s start period). Without a known port there is no fix. A ' +
      'failing check marks the container unhealthy, so the fix says it changes behaviour. Services that depend on ' +
      'the service with a bare `depends_on` are switched to `condition: service_healthy` in the same fix, comments ' +
      'kept, so that they wait for the new check.',
    bad: 'services:\n  db:\n    image: postgres:16\n',
    good:
      'services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U postgres"]\n' +
      '      interval: 30s\n      timeout: 10s\n      retries: 3\n      start_period: 40s\n',
  },
  check(ctx) {
    const m = ctx.model;
    const oneShot = oneShotServices(m);
    for (const s of m.services) {
      if (!expectsComplete(m, s) || oneShot.has(s.name)) continue;
      if (healthcheckState(m, s) !== 'absent') continue;
      if (setElsewhere(m, ctx.host, s.name, ['healthcheck'])) continue;
      const dockerfile = s.get('build') ? dockerfileOf(m, s) : null;
      const dockerfileText = dockerfile ? ctx.host.read?.(dockerfile) : undefined;
      if (dockerfileText !== undefined && declaresHealthcheck(dockerfileText)) continue;
      // Images that declare their own HEALTHCHECK (pihole/pihole, itzg/minecraft-server) need none here.
      if (!s.get('build') && wellKnownImage(imageOf(m, s)?.name)?.ownHealthcheck) continue;
      const test = probe(m, s, dockerfileText);
      ctx.report({
        at: serviceRange(m, s),
        messageId: 'missing',
        data: { name: s.name },
        fix: test
          ? () => {
              const edit = addToService(m, s, [
                'healthcheck:',
                [`test: ${test}`, 'interval: 30s', 'timeout: 10s', 'retries: 3', 'start_period: 40s'],
              ]);
              if (!edit) return undefined;
              // Services that depend on this one now wait until it is healthy, in the same fix: a health
              // check they do not wait for is what compose/wait-for-healthy reports.
              const edits = [edit];
              const waiting: string[] = [];
              const condition = (name: string) =>
                name === s.name || hasHealthcheck(m, ctx.host, name) ? 'service_healthy' : 'service_started';
              for (const d of m.services) {
                const ref = d === s ? undefined : waitsOnlyToStart(d, s.name);
                const more = ref ? addCondition(m, d, ref, condition) : undefined;
                if (!more) continue;
                edits.push(...more);
                waiting.push(`\`${d.name}\``);
              }
              const also = waiting.length ? `; ${waiting.join(', ')} wait until it is healthy` : '';
              return {
                title: `Add a healthcheck${also} (changes behaviour: the container is marked unhealthy when it fails)`,
                edits,
              };
            }
          : undefined,
      });
    }
  },
});

function json(words: string[]): string {
  return `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;
}

/** A health check that fits what the service runs, or undefined when nothing fits for sure. */
function probe(m: ComposeModel, s: ComposeService, dockerfileText: string | undefined): string | undefined {
  const image = s.get('build') ? null : imageOf(m, s);
  const kind = serviceKind(image);
  const base = imageBaseName(image);
  if (kind === 'postgres') {
    const user = environmentOf(m, s).find((e) => e.name === 'POSTGRES_USER')?.value;
    const u =
      user === undefined || user === null || user === ''
        ? 'postgres'
        : hasVariables(user)
          ? '$${POSTGRES_USER}'
          : user;
    return json(['CMD-SHELL', `pg_isready -U ${u}`]);
  }
  if (kind === 'redis') return json(['CMD', 'redis-cli', 'ping']);
  if (kind === 'mysql')
    return base === 'mariadb'
      ? json(['CMD', 'mariadb-admin', 'ping', '-h', 'localhost'])
      : json(['CMD', 'mysqladmin', 'ping', '-h', 'localhost']);
  if (kind === 'mongo') return json(['CMD', 'mongosh', '--quiet', '--eval', "db.adminCommand('ping')"]);
  // Images whose health endpoint is not `/health`, or that ship their own probe command.
  const known = image ? wellKnownImage(image.name) : undefined;
  if (image && known) {
    const p = known.probe;
    if (!p) return undefined;
    if (p.kind === 'exec' && p.whenCommandHas && !commandText(m, s).includes(p.whenCommandHas))
      return undefined;
    if (p.kind === 'exec') return composeTest(p);
    const tools = toolsOf(image);
    const other = p.client === 'curl' ? 'wget' : 'curl';
    const client = tools?.[p.client] === 'no' ? (tools[other] === 'no' ? undefined : other) : p.client;
    return client ? composeTest(p, client) : undefined;
  }
  const port = servicePort(m, s, dockerfileText);
  if (port === undefined) return undefined;
  const tool = httpTool(image, dockerfileText);
  const url = `http://localhost:${port}/health`;
  if (tool === 'curl') return json(['CMD', 'curl', '-f', url]);
  if (tool === 'wget') return json(['CMD', 'wget', '-q', '--spider', url]);
  return undefined;
}

/** The service's `command` as written, for the probes that need a flag of it. */
function commandText(m: ComposeModel, s: ComposeService): string {
  const node = s.get('command')?.value;
  return node?.range ? m.doc.text.slice(node.range[0], node.range[1]) : '';
}

/** The port the service listens on: its first published target, `expose`, or the Dockerfile's EXPOSE. */
function servicePort(
  m: ComposeModel,
  s: ComposeService,
  dockerfileText: string | undefined,
): number | undefined {
  for (const p of portsOf(m, s)) if (!p.dynamic && p.target) return p.target.start;
  for (const n of items(s.get('expose')?.value)) {
    const v = isScalar(n) ? /^(\d+)/.exec(String(n.value)) : null;
    if (v) return Number(v[1]);
  }
  if (dockerfileText !== undefined) {
    const model = parseDockerfile(dockerfileText);
    const stage = finalStage(model);
    const first = stage ? exposedPorts(model, stage)[0] : undefined;
    if (first) return first.port;
  }
  return undefined;
}

/** curl or wget, whichever the image is known not to lack (curl when unknown). */
function httpTool(
  image: ComposeImage | null,
  dockerfileText: string | undefined,
): 'curl' | 'wget' | undefined {
  let curl: string;
  let wget: string;
  if (dockerfileText !== undefined) {
    const model = parseDockerfile(dockerfileText);
    const stage = finalStage(model);
    if (!stage) return 'curl';
    curl = toolPresence(model, stage, 'curl');
    wget = toolPresence(model, stage, 'wget');
  } else if (image && image.value !== null) {
    const tools = toolsOf(image) as ReturnType<typeof baseImageTools>;
    curl = tools.curl;
    wget = tools.wget;
  } else return 'curl';
  if (curl !== 'no') return curl === 'yes' || wget !== 'yes' ? 'curl' : 'wget';
  return wget !== 'no' ? 'wget' : undefined;
}

/** Which HTTP clients an image ships, as far as is known. */
function toolsOf(image: ComposeImage): ReturnType<typeof baseImageTools> | undefined {
  if (image.value === null) return undefined;
  return baseImageTools({
    raw: image.raw,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    resolved: image.value,
    registry: image.registry,
    name: image.name,
    tag: image.tag,
    digest: image.digest,
    tagRange: null,
  });
}
