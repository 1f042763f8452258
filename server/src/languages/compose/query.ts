import type { Range } from '../../core/text';
import { splitReference } from '../dockerfile/image';
import { deref, isMap, isScalar, isSeq, items, str, type Entry, type Node, type Scalar } from '../yaml/model';
import {
  entriesOf as entries,
  inheritsUnknown,
  lookup,
  rangeOf,
  resolved,
  type ComposeModel,
  type ComposeService,
} from './model';

/** Queries the Compose rules share: ports, volumes, environment, images, references by name. */

/**
 * Several rules ask the same question of each service (its ports, its environment); the answers are kept
 * with the service object, which a new parse replaces, so they never outlive the text they describe.
 */
function memoized<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const memo = new WeakMap<K, V>();
  return (key) => {
    if (memo.has(key)) return memo.get(key) as V;
    const v = compute(key);
    memo.set(key, v);
    return v;
  };
}

// ---------------------------------------------------------------------------------------------------------
// Images
// ---------------------------------------------------------------------------------------------------------

export interface ComposeImage {
  node: Scalar;
  /** As written. */
  raw: string;
  /** With `.env` values and defaults substituted; null when a variable has no known value. */
  value: string | null;
  registry: string | null;
  name: string;
  tag: string | null;
  digest: string | null;
}

export function imageOf(model: ComposeModel, service: ComposeService): ComposeImage | null {
  const e = lookup(model, service, 'image');
  const node = e?.value;
  if (!isScalar(node) || typeof node.value !== 'string') return null;
  const r = resolved(model, node);
  const value = r && !r.unresolved ? r.value : null;
  const parts = splitReference(value ?? node.value);
  return { node, raw: node.value, value, ...parts };
}

/** The Docker Hub library name (`postgres` for `postgres:16`, `docker.io/library/postgres`), or the last path part. */
export function imageBaseName(image: ComposeImage | null): string | null {
  if (!image || image.value === null) return null;
  return (image.name.split('/').pop() ?? image.name).toLowerCase();
}

export type ServiceKind = 'postgres' | 'mysql' | 'redis' | 'mongo' | 'other';

/** What a service runs, judged from its image name (official images and common forks). */
export function serviceKind(image: ComposeImage | null): ServiceKind {
  const base = imageBaseName(image);
  if (!base) return 'other';
  if (/^(postgres|postgis|timescaledb(-ha)?|pgvector|postgresql)$/.test(base)) return 'postgres';
  if (/^(mysql|mariadb|percona|percona-server|mysql-server)$/.test(base)) return 'mysql';
  if (/^(redis|redis-stack|redis-stack-server|valkey|keydb|dragonfly)$/.test(base)) return 'redis';
  if (/^(mongo|mongodb|mongodb-community-server)$/.test(base)) return 'mongo';
  return 'other';
}

// ---------------------------------------------------------------------------------------------------------
// Ports
// ---------------------------------------------------------------------------------------------------------

export interface PortRangeValue {
  start: number;
  end: number;
}

export interface PortSpec {
  /** The list item. */
  node: Node;
  /** Where findings about it go: the item, or in long syntax the `published` (else `target`) value. */
  at: Node;
  /** The text of a short-syntax item, when it is one. */
  text: string | null;
  hostIp: string | null;
  published: PortRangeValue | null;
  target: PortRangeValue | null;
  protocol: string;
  /** Why Compose would reject it, or null. */
  error: string | null;
  /** True when interpolation hides the value: nothing is concluded from it. */
  dynamic: boolean;
}

const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);

function parseRange(s: string): PortRangeValue | string {
  const m = /^(\d+)(?:-(\d+))?$/.exec(s);
  if (!m) return `\`${s}\` is not a port number`;
  const start = Number(m[1]);
  const end = m[2] === undefined ? start : Number(m[2]);
  if (start > 65535 || end > 65535) return `${Math.max(start, end)} is above 65535`;
  if (end < start) return `the range \`${s}\` ends before it starts`;
  return { start, end };
}

/** `[HOST_IP:][HOST_PORT[-END]:]CONTAINER_PORT[-END][/PROTOCOL]`, as Docker parses it. */
export function parsePortText(text: string): Omit<PortSpec, 'node' | 'at' | 'text' | 'dynamic'> {
  const fail = (error: string) => ({ hostIp: null, published: null, target: null, protocol: 'tcp', error });
  let rest = text.trim();
  let protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    protocol = rest.slice(slash + 1).toLowerCase();
    rest = rest.slice(0, slash);
    if (!PROTOCOLS.has(protocol)) return fail(`\`${protocol}\` is not a protocol (tcp, udp or sctp)`);
  }
  let hostIp: string | null = null;
  // An IPv6 host address is written in brackets: `[::1]:8080:80`.
  const v6 = /^\[([0-9A-Fa-f:.]+)\]:(.*)$/.exec(rest);
  if (v6) {
    hostIp = v6[1] as string;
    rest = v6[2] as string;
  }
  const parts = rest.split(':');
  if (parts.length > 3) {
    // An unbracketed IPv6 address: everything before the last two parts.
    if (hostIp !== null) return fail('too many `:`');
    hostIp = parts.slice(0, -2).join(':');
    parts.splice(0, parts.length - 2);
  }
  let publishedText: string | null = null;
  let targetText: string;
  if (parts.length === 3) {
    if (hostIp !== null) return fail('too many `:`');
    hostIp = parts[0] as string;
    publishedText = parts[1] as string;
    targetText = parts[2] as string;
  } else if (parts.length === 2) {
    publishedText = parts[0] as string;
    targetText = parts[1] as string;
  } else targetText = parts[0] as string;
  if (hostIp !== null && hostIp !== '' && !isIp(hostIp)) return fail(`\`${hostIp}\` is not an IP address`);
  if (targetText === '') return fail('the container port is missing');
  const target = parseRange(targetText);
  if (typeof target === 'string') return fail(target);
  let published: PortRangeValue | null = null;
  if (publishedText !== null && publishedText !== '') {
    const p = parseRange(publishedText);
    if (typeof p === 'string') return fail(p);
    published = p;
    const span = target.end - target.start;
    if (span !== 0 && p.end - p.start !== span)
      return fail('the host and container port ranges have different lengths');
  }
  return { hostIp: hostIp === '' ? null : hostIp, published, target, protocol, error: null };
}

function isIp(s: string): boolean {
  if (/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(s))
    return s.split('.').every((p) => Number(p) <= 255);
  return s.includes(':') && /^[0-9A-Fa-f:.]+$/.test(s);
}

/** The `ports:` of a service (short and long syntax). */
export function portsOf(model: ComposeModel, service: ComposeService): PortSpec[] {
  return portsMemo(model)(service);
}

const portsMemo = memoized((model: ComposeModel) =>
  memoized((service: ComposeService) => readPorts(model, service)),
);

function readPorts(model: ComposeModel, service: ComposeService): PortSpec[] {
  const out: PortSpec[] = [];
  for (const node of items(service.get('ports')?.value)) {
    if (isScalar(node)) {
      if (node.value === null) continue;
      const text = String(node.value);
      const r = resolved(model, node);
      const dynamic = r === undefined || r.unresolved;
      out.push({ node, at: node, text, ...parsePortText(dynamic ? text : r.value), dynamic });
      continue;
    }
    if (!isMap(node)) continue;
    const get = (k: string) => entries(node).find((e) => e.key === k)?.value ?? null;
    const values = ['target', 'published', 'host_ip', 'protocol'].map((k) => resolved(model, get(k)));
    const dynamic = values.some((v) => v?.unresolved);
    const [t, p, ip, proto] = values.map((v) => (v && !v.unresolved ? v.value : null));
    let error: string | null = null;
    let target: PortRangeValue | null = null;
    let published: PortRangeValue | null = null;
    if (t !== null && t !== undefined) {
      const r = parseRange(t);
      if (typeof r === 'string') error = `target: ${r}`;
      else target = r;
    } else if (!dynamic) error = 'the container port (`target`) is missing';
    if (p !== null && p !== undefined && p !== '') {
      const r = parseRange(p);
      if (typeof r === 'string') error ??= `published: ${r}`;
      else published = r;
    }
    const protocol = (proto ?? 'tcp').toLowerCase();
    if (!PROTOCOLS.has(protocol)) error ??= `\`${protocol}\` is not a protocol (tcp, udp or sctp)`;
    if (ip && !isIp(ip)) error ??= `\`${ip}\` is not an IP address`;
    const at = get('published') ?? get('target') ?? node;
    out.push({ node, at, text: null, hostIp: ip || null, published, target, protocol, error, dynamic });
  }
  return out;
}

/** Published on every interface of the host: no host address, or 0.0.0.0 / `::`. */
export function publishedOnAllInterfaces(p: PortSpec): boolean {
  return p.hostIp === null || p.hostIp === '0.0.0.0' || p.hostIp === '::' || p.hostIp === '[::]';
}

// ---------------------------------------------------------------------------------------------------------
// Durations and sizes
// ---------------------------------------------------------------------------------------------------------

/**
 * compose-go reads durations with go-str2duration: Go's `time.ParseDuration` plus days and weeks. So
 * `30s`, `1m30s`, `1.5h`, `500ms`, `1d`, `2w`, `1w2d6h`, or `0`.
 */
export function isDuration(s: string): boolean {
  return s === '0' || /^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h|d|w))+$/.test(s);
}

/** Docker's `RAMInBytes`: `512m`, `2g`, `1.5GiB`, `1024`, `2 GB`. */
export function isByteSize(s: string): boolean {
  return /^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/.test(s) || s === '-1';
}

// ---------------------------------------------------------------------------------------------------------
// Environment
// ---------------------------------------------------------------------------------------------------------

export interface EnvVar {
  name: string;
  /** The value, or null for a bare `NAME` (taken from the shell). */
  value: string | null;
  /** The scalar holding the value (`NAME=value` for the list form). */
  node: Scalar;
  /** Where the value sits in the document, when it can be located exactly. */
  valueRange: Range | null;
  /** The key of the map form. */
  keyNode: Scalar | null;
  list: boolean;
}

/** The `environment:` entries of a service, in list (`- A=b`) or map (`A: b`) form. */
export function environmentOf(model: ComposeModel, service: ComposeService): EnvVar[] {
  return envMemo(model)(service);
}

const envMemo = memoized((model: ComposeModel) =>
  memoized((service: ComposeService) => readEnvironment(model, service)),
);

function readEnvironment(model: ComposeModel, service: ComposeService): EnvVar[] {
  const env = service.get('environment')?.value ?? null;
  const out: EnvVar[] = [];
  if (isSeq(deref(env))) {
    for (const node of items(env)) {
      if (!isScalar(node) || typeof node.value !== 'string') continue;
      const text = node.value;
      const eq = text.indexOf('=');
      const name = eq < 0 ? text : text.slice(0, eq);
      const value = eq < 0 ? null : text.slice(eq + 1);
      out.push({
        name,
        value,
        node,
        valueRange: subRange(model, node, eq + 1, text.length),
        keyNode: null,
        list: true,
      });
    }
  } else
    for (const e of entries(env)) {
      const node = e.value;
      if (!isScalar(node)) {
        out.push({
          name: e.key,
          value: null,
          node: e.keyNode,
          valueRange: null,
          keyNode: e.keyNode,
          list: false,
        });
        continue;
      }
      const value = node.value === null ? null : String(node.value);
      out.push({
        name: e.key,
        value,
        node,
        valueRange: value === null ? null : subRange(model, node, 0, value.length),
        keyNode: e.keyNode,
        list: false,
      });
    }
  return out;
}

/**
 * The document range of characters `from`–`to` of a scalar's value, when its source spells the value
 * out character for character (plain, or quoted without escapes); null otherwise.
 */
export function subRange(model: ComposeModel, node: Scalar, from: number, to: number): Range | null {
  const r = node.range;
  if (!r || typeof node.value !== 'string') return null;
  const source = model.doc.text.slice(r[0], r[1]);
  const quote = source[0] === '"' || source[0] === "'" ? 1 : 0;
  const inner = quote ? source.slice(1, -1) : source;
  if (inner !== node.value) return null;
  return model.doc.rangeOf(r[0] + quote + from, r[0] + quote + to);
}

// ---------------------------------------------------------------------------------------------------------
// Volumes
// ---------------------------------------------------------------------------------------------------------

export interface VolumeMount {
  node: Node;
  type: 'bind' | 'volume' | 'tmpfs' | 'other';
  source: string | null;
  target: string | null;
  /** The text of a short-syntax item. */
  text: string | null;
}

/** A short-syntax source that is a path on the host rather than a volume name. */
export function isHostPath(source: string): boolean {
  return (
    /^[./~]/.test(source) ||
    /^[A-Za-z]:[\\/]/.test(source) ||
    source.startsWith('\\\\') ||
    source.startsWith('$')
  );
}

export function volumesOf(model: ComposeModel, service: ComposeService): VolumeMount[] {
  const out: VolumeMount[] = [];
  for (const node of items(service.get('volumes')?.value)) {
    if (isScalar(node) && typeof node.value === 'string') {
      const text = node.value;
      // Windows drive letters (`C:\data:/data`) hold a colon that does not separate.
      const parts = text.match(/^([A-Za-z]:[\\/][^:]*|[^:]*)(?::([^:]*))?(?::([^:]*))?$/);
      const first = parts?.[1] ?? text;
      const second = parts?.[2];
      if (second === undefined) out.push({ node, type: 'volume', source: null, target: first, text });
      else
        out.push({ node, type: isHostPath(first) ? 'bind' : 'volume', source: first, target: second, text });
      continue;
    }
    if (!isMap(node)) continue;
    const get = (k: string) => str(entries(node).find((e) => e.key === k)?.value);
    const type = get('type');
    out.push({
      node,
      type: type === 'bind' || type === 'volume' || type === 'tmpfs' ? type : 'other',
      source: get('source') ?? null,
      target: get('target') ?? null,
      text: null,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// References by name
// ---------------------------------------------------------------------------------------------------------

export interface NameRef {
  name: string;
  /** The scalar that names it (a list item, a map key or a `source:` value). */
  node: Scalar;
  /** The entry in long form (`db: { condition: … }`), when it is one. */
  entry: Entry | null;
}

/** Names in a list (`- a`) or as keys of a map (`a: {…}`). */
export function namesIn(node: Node | null | undefined): NameRef[] {
  const v = deref(node);
  if (isSeq(v))
    return items(v)
      .filter((n): n is Scalar => isScalar(n) && n.value !== null)
      .map((n) => ({ name: String(n.value), node: n, entry: null }));
  return entries(v).map((e) => ({ name: e.key, node: e.keyNode, entry: e }));
}

/** `depends_on` entries: short (`- db`) or long (`db: { condition: service_healthy }`). */
export function dependsOn(service: ComposeService): NameRef[] {
  return namesIn(service.get('depends_on')?.value);
}

/** Secrets or configs a service uses: `- name` or `- source: name`. */
export function grantsOf(service: ComposeService, kind: 'secrets' | 'configs'): NameRef[] {
  const out: NameRef[] = [];
  for (const n of items(service.get(kind)?.value)) {
    if (isScalar(n) && n.value !== null) out.push({ name: String(n.value), node: n, entry: null });
    else if (isMap(n)) {
      const e = entries(n).find((x) => x.key === 'source');
      if (e && isScalar(e.value) && e.value.value !== null)
        out.push({ name: String(e.value.value), node: e.value, entry: e });
    }
  }
  return out;
}

/** Whether a healthcheck is configured and enabled (`disable: true` and `test: [NONE]` turn it off). */
export function healthcheckState(
  model: ComposeModel,
  service: ComposeService,
): 'enabled' | 'disabled' | 'absent' {
  const e = lookup(model, service, 'healthcheck');
  if (!e) return 'absent';
  const hc = e.value;
  if (!isMap(hc)) return 'absent';
  const disable = entries(hc).find((x) => x.key === 'disable')?.value;
  if (isScalar(disable) && (disable.value === true || disable.value === 'true')) return 'disabled';
  const test = entries(hc).find((x) => x.key === 'test')?.value;
  const first = isSeq(deref(test)) ? str(items(test)[0]) : str(test);
  if (first === 'NONE') return 'disabled';
  // Without `test`, the block tunes the image's own HEALTHCHECK, which is then taken to exist.
  return 'enabled';
}

export { rangeOf };

/**
 * Services that run once and exit: others wait for them with `condition: service_completed_successfully`
 * (migrations, seeders). Health checks, restart policies and the like do not apply to them.
 */
export const oneShotServices = memoized((model: ComposeModel): Set<string> => {
  const out = new Set<string>();
  for (const s of model.services)
    for (const d of dependsOn(s)) {
      const cond =
        d.entry && isMap(d.entry.value)
          ? str(entries(d.entry.value).find((e) => e.key === 'condition')?.value)
          : undefined;
      if (cond === 'service_completed_successfully') out.add(d.name);
    }
  return out;
});

/**
 * Whether rules about keys a service leaves out apply to it: not in an override file (the main file may
 * set them), not when the service extends one this file cannot show, and not for `provider:` services.
 */
export function expectsComplete(model: ComposeModel, service: ComposeService): boolean {
  return !model.partial && !inheritsUnknown(model, service) && !runsNoContainer(model, service);
}

/**
 * A service with `provider:` (a model runner, a cloud resource) is handed to a plugin and runs no
 * container, so advice about containers (health checks, limits, hardening) does not apply to it.
 */
export function runsNoContainer(model: ComposeModel, service: ComposeService): boolean {
  return lookup(model, service, 'provider') !== undefined;
}

/** A string entry of a mapping node, following merge keys. */
export function strAt(node: Node | null | undefined, key: string): string | undefined {
  return str(entries(node).find((e) => e.key === key)?.value);
}

/** An entry of a mapping node, following merge keys. */
export function entryAt(node: Node | null | undefined, key: string): Entry | undefined {
  return entries(node).find((e) => e.key === key);
}

/** The scalar at a path of keys under a service (merge keys and `extends` within the file followed). */
export function scalarAt(
  model: ComposeModel,
  service: ComposeService,
  path: readonly string[],
): Scalar | null {
  const [first, ...rest] = path;
  if (first === undefined) return null;
  let node: Node | null = lookup(model, service, first)?.value ?? null;
  for (const key of rest) node = entryAt(node, key)?.value ?? null;
  return isScalar(node) ? node : null;
}

/** Whether a Dockerfile's text declares a HEALTHCHECK (`HEALTHCHECK NONE` turns the base image's off). */
export function declaresHealthcheck(dockerfileText: string): boolean {
  return /^[ \t]*HEALTHCHECK\s+(?!NONE\b)/im.test(dockerfileText);
}

/**
 * The Dockerfile a service builds, as a path relative to the Compose file, or null when it is remote,
 * inline, absolute or built from variables `.env` does not resolve.
 */
export function dockerfileOf(model: ComposeModel, service: ComposeService): string | null {
  const b = service.get('build')?.value;
  let context = '.';
  let file = 'Dockerfile';
  if (isScalar(b)) {
    const r = resolved(model, b);
    if (!r || r.unresolved) return null;
    context = r.value;
  } else if (isMap(b)) {
    if (entryAt(b, 'dockerfile_inline')) return null;
    const c = entryAt(b, 'context')?.value;
    const d = entryAt(b, 'dockerfile')?.value;
    if (c) {
      const r = resolved(model, c);
      if (!r || r.unresolved) return null;
      context = r.value;
    }
    if (d) {
      const r = resolved(model, d);
      if (!r || r.unresolved) return null;
      file = r.value;
    }
  } else return null;
  if (/^([a-z][a-z0-9+.-]*:\/\/|git@|\/|[A-Za-z]:[\\/]|~)|#/i.test(context) || /^(\/|[A-Za-z]:)/.test(file))
    return null;
  return joinPath(context, file);
}

/**
 * A relative path under `dir`, normalised: `.` segments dropped, `..` applied where it can be and kept
 * where it leads out of the folder (`../backend`), which the host resolves like any other path.
 */
export function joinPath(dir: string, file: string): string {
  const out: string[] = [];
  for (const seg of `${dir}/${file}`.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

/** The mapping at a path of keys under a service, or undefined. */
export function mapAt(
  model: ComposeModel,
  service: ComposeService,
  path: readonly string[],
): Node | undefined {
  const [first, ...rest] = path;
  if (first === undefined) return undefined;
  let node: Node | null = lookup(model, service, first)?.value ?? null;
  for (const key of rest) {
    if (!isMap(node)) return undefined;
    node = entryAt(node, key)?.value ?? null;
  }
  return isMap(node) ? node : undefined;
}

/** A scalar value of a mapping. */
export function scalarIn(map: Node, key: string): Scalar | null {
  const v = entryAt(map, key)?.value;
  return isScalar(v) ? v : null;
}

// ---------------------------------------------------------------------------------------------------------
// Numbers as compose-go reads them
// ---------------------------------------------------------------------------------------------------------

const BYTE_UNITS: Record<string, number> = {
  '': 1,
  k: 2 ** 10,
  m: 2 ** 20,
  g: 2 ** 30,
  t: 2 ** 40,
  p: 2 ** 50,
};

/**
 * Docker's `RAMInBytes` (go-units), which compose-go uses for `mem_limit` and `deploy…memory`: units are
 * binary whether or not an `i` is written (`1g` = `1GiB` = 1073741824). Null when it is not a size.
 */
export function bytesOf(s: string): number | null {
  const m = /^(\d+(?:\.\d+)?) ?([kKmMgGtTpP]?)[iI]?[bB]?$/.exec(s.trim());
  if (!m) return null;
  const unit = BYTE_UNITS[(m[2] ?? '').toLowerCase()];
  return unit === undefined ? null : Math.floor(Number(m[1]) * unit);
}

/** A scalar's value after `.env` interpolation, or null when a variable has no known value. */
export function resolvedValue(model: ComposeModel, node: Node | null | undefined): string | null {
  const r = resolved(model, node);
  return r && !r.unresolved ? r.value : null;
}

/**
 * Each item of a service's list (`cap_add`, `security_opt`…) with its interpolated value, once: services
 * merged from one another share the same items, which are reported where they are written. Items whose
 * value is not a string, or depends on a variable with no value, are left out.
 */
export function* serviceListItems(
  model: ComposeModel,
  key: string,
): Generator<{ service: ComposeService; entry: Entry; item: Node; value: string }> {
  const seen = new Set<Node>();
  for (const service of model.services) {
    const entry = service.get(key);
    if (!entry) continue;
    for (const item of items(entry.value)) {
      if (seen.has(item)) continue;
      seen.add(item);
      const r = resolved(model, item);
      if (r && !r.unresolved) yield { service, entry, item, value: r.value };
    }
  }
}
