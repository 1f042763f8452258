import { defineRule, type Severity } from '../../core/rule';
import {
  activeByDefault,
  bytesOf,
  entryAt,
  lookup,
  rangeOf,
  resolvedValue,
  volumesOf,
  type ComposeModel,
  type ComposeService,
} from '../../languages/compose';
import { entries, isMap, isScalar, items, type Node } from '../../languages/yaml/model';

/** Service-level settings compose-go compares with their `deploy.resources` twin (loader/validate.go). */
const TWINS = [
  { key: 'cpus', path: ['limits', 'cpus'], read: cpusOf },
  { key: 'mem_limit', path: ['limits', 'memory'], read: bytesOfText },
  { key: 'mem_reservation', path: ['reservations', 'memory'], read: bytesOfText },
  { key: 'pids_limit', path: ['limits', 'pids'], read: numberOf },
] as const;

export default defineRule<ComposeModel>({
  id: 'compose/conflicting-options',
  language: 'compose',
  severity: 'error',
  recommended: true,
  aliases: [],
  fix: null,
  messages: {
    networkMode:
      'Service `{name}` sets both `network_mode` and `networks`: Compose rejects the project ("declares mutually exclusive `network_mode` and `networks`").',
    twin: "Service `{name}` sets `{key}` to {value} but `deploy.resources.{path}` to {other}: Compose rejects the project (\"can't set distinct values on '{key}' and 'deploy.resources.{path}'\").",
    scale:
      "Service `{name}` sets `scale: {value}` and `deploy.replicas: {other}`: Compose rejects the project (\"can't set distinct values on 'scale' and 'deploy.replicas'\").",
    containerName:
      'Service `{name}` has a fixed `container_name` and {count} replicas: Compose rejects the project, since container names must be unique.',
    dockerfile:
      'Service `{name}` sets both `build.dockerfile` and `build.dockerfile_inline`: Compose rejects the project ("mutually exclusive dockerfile and dockerfile_inline").',
    platform:
      'Platform `{value}` is not in `build.platforms` of service `{name}`: Compose rejects the project ("service.build.platforms MUST include service.platform").',
    watchTarget:
      'This `develop.watch` rule of service `{name}` has action `{action}` and no `target`: Compose rejects the project ("target is required for non-rebuild actions").',
    mountedTwice:
      'Service `{name}` mounts `{target}` {how}: Compose rejects the project ("target {target} already mounted").',
  },
  docs: {
    summary: 'A service must not combine options Compose refuses together.',
    rationale:
      'compose-go checks every active service before `docker compose config`, `up` or `build` does anything ' +
      '(loader/validate.go, `checkConsistency`) and stops at the first of these: `network_mode` with `networks`; ' +
      '`cpus`, `mem_limit`, `mem_reservation` or `pids_limit` when `deploy.resources.limits` (or `reservations`) ' +
      'is written and holds a different value, a missing one counting as 0 — so `cpus: 0.5` beside ' +
      '`deploy.resources.limits.memory` alone is rejected; `scale` and `deploy.replicas` with different values; ' +
      '`container_name` with more than one replica; `build.dockerfile` with `build.dockerfile_inline`; a ' +
      '`platform` missing from a non-empty `build.platforms`; a `develop.watch` rule without `target` whose ' +
      'action is not `rebuild` or `restart` (a string `healthcheck.test` is fine, see ' +
      '`compose/invalid-healthcheck-test`); and a path mounted by `tmpfs:` and again by `tmpfs:` or `volumes:` ' +
      '(two volumes on one target are merged, the last wins, and stay quiet). Services with `profiles:` that ' +
      '`COMPOSE_PROFILES` in `.env` does not enable are checked only when a `--profile` enables them, so they get ' +
      'a warning. Values built from variables `.env` does not set are left alone. Which option to keep is your ' +
      'call, so there is no fix.',
    bad: 'services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n    networks:\n      - front\nnetworks:\n  front: {}\n',
    good: 'services:\n  web:\n    image: nginx:1.27\n    networks:\n      - front\nnetworks:\n  front: {}\n',
  },
  check(ctx) {
    const m = ctx.model;
    for (const s of m.services) {
      const severityOf = (): Severity | undefined => (activeByDefault(m, s) ? undefined : 'warning');
      const report = (node: Node, messageId: string, data: Record<string, string | number>): void => {
        const severity = severityOf();
        ctx.report({
          at: rangeOf(m, node),
          messageId,
          data: { name: s.name, ...data },
          ...(severity ? { severity } : {}),
        });
      };

      const mode = lookup(m, s, 'network_mode');
      const networks = lookup(m, s, 'networks');
      if (
        mode &&
        str(m, mode.value) &&
        networks &&
        (items(networks.value).length > 0 || entries(networks.value).length > 0)
      )
        report(mode.keyNode, 'networkMode', {});

      const deploy = lookup(m, s, 'deploy')?.value;
      const resources = isMap(deploy) ? entryAt(deploy, 'resources')?.value : undefined;
      for (const t of TWINS) {
        const own = lookup(m, s, t.key);
        const section = isMap(resources) ? entryAt(resources, t.path[0])?.value : undefined;
        if (!own || !isMap(section) || section.items.length === 0) continue;
        const value = t.read(m, own.value);
        const twin = entryAt(section, t.path[1])?.value;
        const other = twin ? t.read(m, twin) : 0;
        if (value === null || other === null || value === 0 || value === other) continue;
        report(own.keyNode, 'twin', {
          key: t.key,
          path: t.path.join('.'),
          value: str(m, own.value) ?? String(value),
          other: twin ? (str(m, twin) ?? String(other)) : 'nothing (0)',
        });
      }

      const scaleEntry = lookup(m, s, 'scale');
      const scale = scaleEntry ? numberOf(m, scaleEntry.value) : null;
      const replicasNode = isMap(deploy) ? entryAt(deploy, 'replicas')?.value : undefined;
      const replicas = replicasNode ? numberOf(m, replicasNode) : null;
      if (scaleEntry && scale !== null && replicas !== null && scale !== replicas)
        report(scaleEntry.keyNode, 'scale', { value: scale, other: replicas });
      const count = scaleEntry ? scale : replicas;
      const containerName = lookup(m, s, 'container_name');
      if (containerName && str(m, containerName.value) && count !== null && count > 1)
        report(containerName.keyNode, 'containerName', { count });

      checkBuild(m, s, report);
      checkWatch(m, s, report);
      checkMounts(m, s, report);
    }
  },
});

type Reporter = (node: Node, messageId: string, data: Record<string, string | number>) => void;

function checkBuild(m: ComposeModel, s: ComposeService, report: Reporter): void {
  const build = lookup(m, s, 'build')?.value;
  if (!isMap(build)) return;
  const file = entryAt(build, 'dockerfile');
  const inline = entryAt(build, 'dockerfile_inline');
  if (file && inline && str(m, file.value) && str(m, inline.value)) report(inline.keyNode, 'dockerfile', {});
  const platform = lookup(m, s, 'platform');
  const value = platform ? resolvedValue(m, platform.value) : null;
  const platforms = items(entryAt(build, 'platforms')?.value).map((n) => resolvedValue(m, n));
  if (!platform || !value || platforms.length === 0 || platforms.includes(null)) return;
  if (!platforms.includes(value)) report(platform.value ?? platform.keyNode, 'platform', { value });
}

function checkWatch(m: ComposeModel, s: ComposeService, report: Reporter): void {
  const develop = lookup(m, s, 'develop')?.value;
  for (const rule of items(isMap(develop) ? entryAt(develop, 'watch')?.value : undefined)) {
    const action = entryAt(rule, 'action');
    const name = action ? resolvedValue(m, action.value) : null;
    if (!action || name === null || name === 'rebuild' || name === 'restart') continue;
    const target = entryAt(rule, 'target');
    if (target && str(m, target.value) !== '') continue;
    report(action.value ?? action.keyNode, 'watchTarget', { action: name });
  }
}

/** compose-go's last check: each tmpfs path and volume target mounted once (`mounts` in validate.go). */
function checkMounts(m: ComposeModel, s: ComposeService, report: Reporter): void {
  const tmpfs = lookup(m, s, 'tmpfs')?.value;
  const list = isScalar(tmpfs) ? [tmpfs] : items(tmpfs);
  if (list.length === 0) return;
  const mounted = new Map<string, string>();
  for (const n of list) {
    const text = resolvedValue(m, n);
    if (text === null) continue;
    const path = text.split(':')[0] ?? text;
    // compose-go first drops repeated items by their text before `=` (override/uncity.go).
    const key = text.split('=')[0] ?? text;
    const seen = mounted.get(path);
    if (seen !== undefined && seen !== key)
      report(n, 'mountedTwice', { target: path, how: 'twice in `tmpfs`' });
    else mounted.set(path, key);
  }
  for (const v of volumesOf(m, s))
    if (v.target !== null && mounted.has(v.target) && !v.target.includes('$'))
      report(isMap(v.node) ? (entryAt(v.node, 'target')?.value ?? v.node) : v.node, 'mountedTwice', {
        target: v.target,
        how: 'with `tmpfs` and again in `volumes`',
      });
}

function str(m: ComposeModel, node: Node | null | undefined): string | null {
  return resolvedValue(m, node);
}

function numberOf(m: ComposeModel, node: Node | null | undefined): number | null {
  const v = resolvedValue(m, node);
  if (v === null || !/^-?\d+$/.test(v.trim())) return null;
  return Number(v);
}

function cpusOf(m: ComposeModel, node: Node | null | undefined): number | null {
  const v = resolvedValue(m, node);
  if (v === null || !/^(?:\d+(?:\.\d*)?|\.\d+)$/.test(v.trim())) return null;
  // Both are float32 in compose-go (types.NanoCPUs).
  return Math.fround(Number(v));
}

function bytesOfText(m: ComposeModel, node: Node | null | undefined): number | null {
  const v = resolvedValue(m, node);
  return v === null ? null : bytesOf(v);
}
