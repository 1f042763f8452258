/**
 * What well-known images need from the kernel and the filesystem when hardened: the capabilities they use
 * at start once `cap_drop: [ALL]` took the default set away, and the paths they write outside their data
 * volumes (a tmpfs under `read_only: true`). Matched by the repository's last path part, registry and tag
 * aside. Each entry names where it was checked.
 */
export interface ImagePrivileges {
  names: readonly string[];
  caps: readonly string[];
  writes: readonly string[];
  source: string;
}

/**
 * The official database and cache images start as root, fix the ownership of their data directory
 * (CHOWN, DAC_OVERRIDE, FOWNER) and switch to their own user with gosu or su-exec (SETGID, SETUID).
 */
const ENTRYPOINT = ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID'];

export const IMAGE_PRIVILEGES: readonly ImagePrivileges[] = [
  {
    names: ['postgres', 'postgis', 'timescaledb', 'timescaledb-ha', 'pgvector', 'postgresql'],
    caps: ENTRYPOINT,
    writes: ['/tmp', '/var/run/postgresql'],
    source:
      'docker-library/postgres docker-entrypoint.sh: chown of PGDATA and /var/run/postgresql, then gosu',
  },
  {
    names: ['mysql', 'mariadb', 'percona', 'percona-server', 'mysql-server'],
    caps: ENTRYPOINT,
    writes: ['/tmp', '/var/run/mysqld'],
    source:
      'docker-library/mysql and mariadb docker-entrypoint.sh: chown of the data and socket directories, gosu',
  },
  {
    names: ['redis', 'valkey', 'keydb'],
    caps: ENTRYPOINT,
    writes: ['/tmp'],
    source: 'docker-library/redis docker-entrypoint.sh: chown of /data, then gosu or su-exec to redis',
  },
  {
    names: ['mongo', 'mongodb', 'mongodb-community-server'],
    caps: ENTRYPOINT,
    writes: ['/tmp'],
    source: 'docker-library/mongo docker-entrypoint.sh: chown of /data/db, then gosu mongodb',
  },
  {
    names: ['nginx'],
    caps: ['CHOWN', 'SETGID', 'SETUID', 'NET_BIND_SERVICE'],
    writes: ['/tmp', '/var/cache/nginx', '/var/run'],
    source:
      'nginxinc/docker-nginx: the master runs as root on port 80, chowns its cache directories under ' +
      '/var/cache/nginx and switches workers to `nginx`; the pid file is /var/run/nginx.pid',
  },
  {
    names: ['nginx-unprivileged'],
    caps: [],
    writes: ['/tmp'],
    source: 'nginxinc/docker-nginx-unprivileged: runs as uid 101 on port 8080, pid and caches under /tmp',
  },
  {
    names: ['httpd'],
    caps: ['SETGID', 'SETUID', 'NET_BIND_SERVICE'],
    writes: ['/tmp', '/usr/local/apache2/logs'],
    source: 'docker-library/httpd: root binds port 80, children run as daemon; httpd.pid is written to logs/',
  },
  {
    names: ['traefik', 'caddy'],
    caps: ['NET_BIND_SERVICE'],
    writes: ['/tmp'],
    source:
      'traefik and caddy images run as root and only bind ports 80 and 443; state goes to their volumes',
  },
];

const BY_NAME = new Map(IMAGE_PRIVILEGES.flatMap((e) => e.names.map((n) => [n, e] as const)));

/** The entry for an image's base name (`postgres`, `nginx`), or undefined for images not known here. */
export function imagePrivileges(baseName: string | null | undefined): ImagePrivileges | undefined {
  return baseName ? BY_NAME.get(baseName.toLowerCase()) : undefined;
}
