import { defineRule } from '../../core/rule';
import { trimEndChars } from '../../core/strings';
import {
  entryAt,
  rangeOf,
  resolved,
  volumesOf,
  type ComposeModel,
  type VolumeMount,
} from '../../languages/compose';
import { isMap, isScalar, str } from '../../languages/yaml/model';

/** Host directories whose contents are the host itself: mounting them, or anything below them, exposes it. */
const TREES = [
  '/proc',
  '/sys',
  '/boot',
  '/root',
  '/var/lib/docker',
  '/var/lib/containerd',
  '/var/lib/kubelet',
  '/etc/kubernetes',
  '/etc/docker',
  '/etc/ssh',
  '/lib/modules',
  '/usr/lib/modules',
];
/** Directories that are sensitive as a whole, while single files below them are routine (`/etc/localtime`). */
const EXACT = [
  '/',
  '/etc',
  '/dev',
  '/usr',
  '/bin',
  '/sbin',
  '/lib',
  '/lib64',
  '/var',
  '/run',
  '/var/run',
  '/home',
];
/** Single files that give the host away. */
const FILES = [
  '/dev/mem',
  '/dev/kmem',
  '/dev/port',
  '/etc/shadow',
  '/etc/sudoers',
  '/etc/passwd',
  '/etc/group',
];

function sensitive(path: string): boolean {
  const p = trimEndChars(path, '/') || '/';
  if (EXACT.includes(p) || FILES.includes(p)) return true;
  return TREES.some((t) => p === t || p.startsWith(`${t}/`));
}

/** A short-syntax mode (`ro`, `ro,z`) or long-syntax `read_only: true`. */
function readOnly(v: VolumeMount): boolean {
  if (v.text !== null) {
    const mode = v.text.split(':').slice(2).join(':');
    return mode.split(',').some((o) => o === 'ro' || o === 'readonly');
  }
  const ro = entryAt(v.node, 'read_only')?.value;
  return isScalar(ro) && (ro.value === true || ro.value === 'true');
}

export default defineRule<ComposeModel>({
  id: 'compose/sensitive-host-mount',
  language: 'compose',
  severity: 'warning',
  recommended: true,
  aliases: ['kics:volume_has_sensitive_host_directory'],
  fix: null,
  messages: {
    writable:
      'Service `{name}` mounts the host’s `{path}` writable: whoever controls the container can change the host. Mount it read-only, or mount only the file it needs.',
    readOnly:
      'Service `{name}` mounts the host’s `{path}` (read-only): the container can read what the host keeps there.',
  },
  docs: {
    summary:
      'Services should not bind-mount sensitive host directories (`/`, `/etc`, `/proc`, `/sys`, `/var/lib/docker`…).',
    rationale:
      'A bind mount of `/`, `/etc`, `/proc`, `/sys`, `/boot`, `/root`, `/dev`, `/var/lib/docker` or files such as ' +
      '`/etc/shadow` and `/dev/mem` hands the container the host itself; written to, it is a way out (a cron job in ' +
      '`/etc`, a kernel setting in `/proc/sys`). Writable mounts are warnings; read-only ones, which monitoring ' +
      'agents (node-exporter, cAdvisor) routinely use, are informational. Single files under `/etc` such as ' +
      '`/etc/localtime` are not reported, nor relative paths (`./etc`), named volumes, or sources from unresolved ' +
      'variables. The Docker socket has its own rule (`compose/docker-socket`). There is no fix: whether the ' +
      'service needs the whole directory, one file below it, or write access is for you to say.',
    bad: 'services:\n  agent:\n    image: busybox:1.36\n    volumes:\n      - /etc:/host/etc\n',
    good: 'services:\n  agent:\n    image: busybox:1.36\n    volumes:\n      - /etc/localtime:/etc/localtime:ro\n',
  },
  check(ctx) {
    const m = ctx.model;
    const seen = new Set<unknown>();
    for (const s of m.services) {
      for (const v of volumesOf(m, s)) {
        if (seen.has(v.node) || (v.type !== 'bind' && v.text === null)) continue;
        seen.add(v.node);
        const raw = isScalar(v.node) ? v.source : str(entryAt(v.node, 'source')?.value);
        if (!raw) continue;
        const sourceNode = isMap(v.node) ? entryAt(v.node, 'source')?.value : null;
        const r = sourceNode ? resolved(m, sourceNode) : resolved(m, v.node);
        if (!r || r.unresolved) continue;
        const source = sourceNode ? r.value : (r.value.match(/^([^:]*)/)?.[1] ?? '');
        if (!source.startsWith('/') || !sensitive(source)) continue;
        const ro = readOnly(v);
        ctx.report({
          at: rangeOf(m, v.node),
          messageId: ro ? 'readOnly' : 'writable',
          data: { name: s.name, path: source },
          severity: ro ? 'info' : 'warning',
        });
      }
    }
  },
});
