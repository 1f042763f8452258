/**
 * What well-known images are, as far as health checks go: the one table the Compose and Dockerfile
 * health-check rules share. An image either declares its own HEALTHCHECK (a service or Dockerfile built
 * on it needs none), or has a known probe (an HTTP endpoint other than `/health`, or a command it ships),
 * or is known to have no client a probe could use. The edit text is written in `fixes/healthcheck.ts`.
 *
 * Each entry names where it was checked. Images are matched by repository, registry and tag aside.
 */

export type HealthProbe =
  /** An HTTP endpoint on the image's default port; `client` is the HTTP client the image ships. */
  | { kind: 'http'; port: number; path: string; client: 'curl' | 'wget' }
  /** A command the image ships, run in exec form. `whenCommandHas`: only if the service's command has it. */
  | { kind: 'exec'; argv: readonly string[]; whenCommandHas?: string };

export interface WellKnownImage {
  /** Repository paths, lower case, without registry and `library/`. */
  names: readonly string[];
  /** The image declares a HEALTHCHECK of its own. */
  ownHealthcheck?: true;
  /** The probe to write; absent when the image has no client to probe with (no fix is offered). */
  probe?: HealthProbe;
  source: string;
}

export const WELL_KNOWN_IMAGES: readonly WellKnownImage[] = [
  {
    names: ['pihole/pihole'],
    ownHealthcheck: true,
    source: 'pi-hole/docker-pi-hole Dockerfile: HEALTHCHECK CMD dig … @127.0.0.1 pi.hole',
  },
  {
    names: ['itzg/minecraft-server'],
    ownHealthcheck: true,
    source: 'itzg/docker-minecraft-server docs/misc/healthcheck.md: the image declares HEALTHCHECK mc-health',
  },
  {
    names: ['nginx', 'nginxinc/nginx-unprivileged'],
    probe: { kind: 'http', port: 80, path: '/', client: 'curl' },
    source: 'nginxinc/docker-nginx default.conf: `/` serves the welcome page; there is no /health',
  },
  {
    names: ['grafana/grafana', 'grafana/grafana-oss', 'grafana/grafana-enterprise'],
    probe: { kind: 'http', port: 3000, path: '/api/health', client: 'wget' },
    source: 'Grafana HTTP API docs, GET /api/health; the default (Alpine) image has BusyBox wget, not curl',
  },
  {
    names: ['prom/prometheus', 'prometheus/prometheus'],
    probe: { kind: 'http', port: 9090, path: '/-/healthy', client: 'wget' },
    source: 'Prometheus management API docs, GET /-/healthy; the image is built on BusyBox',
  },
  {
    names: ['gitea/gitea'],
    probe: { kind: 'http', port: 3000, path: '/api/healthz', client: 'curl' },
    source: 'Gitea routers/web/healthcheck (GET /api/healthz); its Dockerfile installs curl',
  },
  {
    names: ['dpage/pgadmin4'],
    probe: { kind: 'http', port: 80, path: '/misc/ping', client: 'wget' },
    source: 'pgAdmin web/pgadmin/misc: GET /misc/ping answers PING; the image is Alpine (BusyBox wget)',
  },
  {
    names: ['kibana', 'kibana/kibana'],
    probe: { kind: 'http', port: 5601, path: '/api/status', client: 'curl' },
    source: 'Kibana status API docs, GET /api/status; the image ships curl',
  },
  {
    names: ['elasticsearch', 'elasticsearch/elasticsearch'],
    probe: { kind: 'http', port: 9200, path: '/_cluster/health', client: 'curl' },
    source:
      'Elasticsearch cluster health API, GET /_cluster/health; the image ships curl. With security on ' +
      '(the 8.x default) it needs credentials: adjust the probe',
  },
  {
    names: ['minio/minio'],
    probe: { kind: 'exec', argv: ['mc', 'ready', 'local'] },
    source: 'MinIO docs (mc ready); recent images ship mc and no curl',
  },
  {
    names: ['rabbitmq'],
    probe: { kind: 'exec', argv: ['rabbitmq-diagnostics', '-q', 'ping'] },
    source: 'RabbitMQ monitoring guide, health checks: rabbitmq-diagnostics ping',
  },
  {
    names: ['traefik'],
    probe: { kind: 'exec', argv: ['traefik', 'healthcheck', '--ping'], whenCommandHas: '--ping' },
    source: 'Traefik CLI docs: `traefik healthcheck` needs the ping endpoint enabled (--ping)',
  },
  {
    names: ['keycloak/keycloak'],
    source:
      'Keycloak container guide: health endpoints on port 9000 need KC_HEALTH_ENABLED, and the UBI-micro ' +
      'image has neither curl nor wget, so no probe is written for it',
  },
];

const BY_NAME = new Map(WELL_KNOWN_IMAGES.flatMap((e) => e.names.map((n) => [n, e] as const)));

/**
 * The entry for an image's repository path (`grafana/grafana`, `library/nginx`, `nginx`), whatever its
 * registry (Docker Hub, quay.io, docker.elastic.co), or undefined.
 */
export function wellKnownImage(repository: string | null | undefined): WellKnownImage | undefined {
  if (!repository) return undefined;
  const name = repository.toLowerCase().replace(/^library\//, '');
  return BY_NAME.get(name);
}
