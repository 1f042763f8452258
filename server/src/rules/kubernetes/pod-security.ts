import { defineRule, type FixSpec } from '../../core/rule';
import type { Range, TextEdit } from '../../core/text';
import { setScalar } from '../../fixes/kubernetes';
import { addPodSeccomp } from '../../fixes/pod-security';
import { hardenFix, type HardeningItem } from '../../fixes/security-context';
import { deletePair } from '../../fixes/yaml';
import {
  BASELINE_CAPABILITIES,
  bool,
  containerLabel,
  entries,
  entryAt,
  get,
  items,
  manifestRange,
  mapAt,
  num,
  podSecurityLevel,
  rangeOf,
  stable,
  str,
  workloadLabel,
  type Container,
  type Entry,
  type KubernetesModel,
  type Workload,
} from '../../languages/kubernetes';

/** A failed control: where, why, and the edit that repairs it (none when no edit is right). */
interface Failure {
  control: string;
  level: 'baseline' | 'restricted';
  what: string;
  detail: string;
  at: Range;
  edit?: () => TextEdit[] | undefined;
}

const SAFE_SYSCTLS =
  /^(kernel\.shm_rmid_forced|net\.ipv4\.(ip_local_port_range|tcp_syncookies|ping_group_range|ip_unprivileged_port_start|ip_local_reserved_ports|tcp_keepalive_time|tcp_fin_timeout|tcp_keepalive_intvl|tcp_keepalive_probes|tcp_rmem|tcp_wmem))$/;
const SELINUX_TYPES = new Set([
  '',
  'container_t',
  'container_init_t',
  'container_kvm_t',
  'container_engine_t',
]);
const RESTRICTED_VOLUMES = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

/** The controls of the Pod Security Standards (kubernetes.io/docs/concepts/security/pod-security-standards). */
function failures(ctx: { doc: Parameters<typeof rangeOf>[0] }, w: Workload, restricted: boolean): Failure[] {
  const doc = ctx.doc;
  const out: Failure[] = [];
  const wl = workloadLabel(w);
  const remove = (e: Entry) => () => {
    const d = deletePair(doc, e.pair);
    return d ? [d] : undefined;
  };
  const runtimeDefault = (e: Entry) => () => {
    const d = e.value ? setScalar(doc, e.value, 'RuntimeDefault') : undefined;
    return d ? [d] : undefined;
  };
  const baseline = (
    control: string,
    what: string,
    detail: string,
    at: Range,
    edit?: Failure['edit'],
  ): void => {
    out.push({ control, level: 'baseline', what, detail, at, edit });
  };
  const pod = w.podSpec;
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
    const e = get(pod, field);
    if (e && bool(e.value) === true)
      baseline('Host Namespaces', wl, `${field} must not be true`, rangeOf(doc, e), remove(e));
  }
  const podProcess = entryAt(pod, 'securityContext', 'windowsOptions', 'hostProcess');
  if (podProcess && bool(podProcess.value) === true)
    baseline('HostProcess', wl, 'hostProcess must not be true', rangeOf(doc, podProcess), remove(podProcess));
  for (const v of items(get(pod, 'volumes')?.value)) {
    const hostPath = get(v, 'hostPath');
    if (hostPath)
      baseline(
        'HostPath Volumes',
        wl,
        `volume "${str(get(v, 'name')?.value) ?? ''}" is a hostPath`,
        rangeOf(doc, hostPath.keyNode),
      );
    else if (restricted) {
      const type = entries(v).find((e) => e.key !== 'name');
      if (type && !RESTRICTED_VOLUMES.has(type.key))
        out.push({
          control: 'Volume Types',
          level: 'restricted',
          what: wl,
          detail: `a ${type.key} volume is not allowed`,
          at: rangeOf(doc, type.keyNode),
        });
    }
  }
  for (const s of items(entryAt(pod, 'securityContext', 'sysctls')?.value)) {
    const name = str(get(s, 'name')?.value);
    if (name && !SAFE_SYSCTLS.test(name.replace(/\//g, '.')))
      baseline('Sysctls', wl, `${name} is not a safe sysctl`, rangeOf(doc, get(s, 'name')));
  }
  const seLinux = (ctxMap: ReturnType<typeof mapAt>, what: string): void => {
    const opts = mapAt(ctxMap, 'seLinuxOptions');
    const type = str(get(opts, 'type')?.value);
    if (type !== undefined && !SELINUX_TYPES.has(type))
      baseline('SELinux', what, `type ${type} is not allowed`, rangeOf(doc, get(opts, 'type')));
    for (const k of ['user', 'role']) {
      const e = get(opts, k);
      if (e && str(e.value)) baseline('SELinux', what, `${k} must not be set`, rangeOf(doc, e));
    }
  };
  const podCtx = mapAt(pod, 'securityContext');
  seLinux(podCtx, wl);
  const profiles = (ctxMap: ReturnType<typeof mapAt>, what: string): void => {
    for (const [key, control] of [
      ['seccompProfile', 'Seccomp'],
      ['appArmorProfile', 'AppArmor'],
    ] as const) {
      const t = get(mapAt(ctxMap, key), 'type');
      if (t && str(t.value) === 'Unconfined')
        baseline(control, what, `${key}.type must not be Unconfined`, rangeOf(doc, t), runtimeDefault(t));
    }
  };
  profiles(podCtx, wl);
  const podSeccomp = str(entryAt(pod, 'securityContext', 'seccompProfile', 'type')?.value);
  const podNonRoot = bool(get(podCtx, 'runAsNonRoot')?.value);
  const podUser = get(podCtx, 'runAsUser');
  if (restricted && podUser && num(podUser.value) === 0)
    out.push({
      control: 'Running as Non-root user',
      level: 'restricted',
      what: wl,
      detail: 'runAsUser must not be 0',
      at: rangeOf(doc, podUser),
    });
  let seccompMissing = false;
  for (const c of w.containers) {
    const what = containerLabel(c);
    const sc = mapAt(c.node, 'securityContext');
    const cEntry = (k: string): Entry | undefined => get(sc, k);
    const at = sc ? rangeOf(doc, get(c.node, 'securityContext')?.keyNode) : rangeOf(doc, c.nameNode);
    const priv = cEntry('privileged');
    if (priv && bool(priv.value) === true)
      baseline(
        'Privileged Containers',
        what,
        'privileged must not be true',
        rangeOf(doc, priv),
        remove(priv),
      );
    const proc = cEntry('procMount');
    if (proc && str(proc.value) !== undefined && str(proc.value) !== 'Default')
      baseline('/proc Mount Type', what, 'procMount must be Default', rangeOf(doc, proc), remove(proc));
    const hp = entryAt(sc, 'windowsOptions', 'hostProcess');
    if (hp && bool(hp.value) === true)
      baseline('HostProcess', what, 'hostProcess must not be true', rangeOf(doc, hp), remove(hp));
    for (const p of items(get(c.node, 'ports')?.value)) {
      const e = get(p, 'hostPort');
      if (e && num(e.value))
        baseline('Host Ports', what, 'hostPort must not be set', rangeOf(doc, e), remove(e));
    }
    seLinux(sc, what);
    profiles(sc, what);
    for (const cap of items(entryAt(sc, 'capabilities', 'add')?.value)) {
      const name = (str(cap) ?? '').toUpperCase().replace(/^CAP_/, '');
      if (!BASELINE_CAPABILITIES.has(name))
        baseline('Capabilities', what, `adding ${name} is not allowed`, rangeOf(doc, cap));
      else if (restricted && name !== 'NET_BIND_SERVICE')
        out.push({
          control: 'Capabilities',
          level: 'restricted',
          what,
          detail: `only NET_BIND_SERVICE may be added, not ${name}`,
          at: rangeOf(doc, cap),
        });
    }
    if (!restricted) continue;
    const harden = (item: HardeningItem) => () => hardenFix(doc, c, [item]);
    const restrict = (control: string, detail: string, edit?: Failure['edit']): void => {
      out.push({ control, level: 'restricted', what, detail, at, edit });
    };
    if (bool(cEntry('allowPrivilegeEscalation')?.value) !== false)
      restrict(
        'Privilege Escalation',
        'allowPrivilegeEscalation must be false',
        harden('allowPrivilegeEscalation'),
      );
    const nonRoot = bool(cEntry('runAsNonRoot')?.value) ?? podNonRoot;
    const user = cEntry('runAsUser');
    if (user && num(user.value) === 0) restrict('Running as Non-root user', 'runAsUser must not be 0');
    if (nonRoot !== true)
      restrict('Running as Non-root', 'runAsNonRoot must be true', harden('runAsNonRoot'));
    const drop = items(entryAt(sc, 'capabilities', 'drop')?.value).map((d) => str(d)?.toUpperCase());
    if (!drop.includes('ALL')) restrict('Capabilities', 'capabilities.drop must include ALL', harden('drop'));
    const own = str(get(mapAt(sc, 'seccompProfile'), 'type')?.value);
    if (
      own !== 'RuntimeDefault' &&
      own !== 'Localhost' &&
      podSeccomp !== 'RuntimeDefault' &&
      podSeccomp !== 'Localhost' &&
      own !== 'Unconfined'
    )
      seccompMissing = true;
  }
  if (seccompMissing)
    out.push({
      control: 'Seccomp',
      level: 'restricted',
      what: wl,
      detail: 'seccompProfile.type must be RuntimeDefault or Localhost',
      at: manifestRange(doc, w.manifest),
      edit: () => {
        const e = addPodSeccomp(doc, w);
        return e ? [e] : undefined;
      },
    });
  return out;
}

/**
 * Every fixable control's edits at once, or undefined when two of them overlap. Insertions at the same
 * place are kept in order, deeper ones (a container's securityContext) before the pod's.
 */
function complianceEdits(
  w: Workload,
  list: Failure[],
  doc: Parameters<typeof rangeOf>[0],
  restricted: boolean,
): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  const byContainer = new Map<Container, HardeningItem[]>();
  if (restricted)
    for (const c of w.containers) {
      const sc = mapAt(c.node, 'securityContext');
      const want: HardeningItem[] = [];
      if (bool(get(sc, 'allowPrivilegeEscalation')?.value) !== false) want.push('allowPrivilegeEscalation');
      if (
        (bool(get(sc, 'runAsNonRoot')?.value) ??
          bool(entryAt(w.podSpec, 'securityContext', 'runAsNonRoot')?.value)) !== true
      )
        want.push('runAsNonRoot');
      if (!items(entryAt(sc, 'capabilities', 'drop')?.value).some((d) => str(d)?.toUpperCase() === 'ALL'))
        want.push('drop');
      if (want.length) byContainer.set(c, want);
    }
  for (const [c, want] of byContainer) {
    const e = hardenFix(doc, c, want);
    if (!e) return undefined;
    edits.push(...e);
  }
  for (const f of list) {
    if (
      !f.edit ||
      (restricted &&
        ['Privilege Escalation', 'Running as Non-root', 'Capabilities'].includes(f.control) &&
        f.level === 'restricted')
    )
      continue;
    const e = f.edit();
    if (!e) return undefined;
    edits.push(...e);
  }
  const spans = edits
    .map((e) => [doc.offsetAt(e.range.start), doc.offsetAt(e.range.end)] as const)
    .sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++)
    if ((spans[i]?.[0] ?? 0) < (spans[i - 1]?.[1] ?? 0)) return undefined;
  return edits.length ? edits : undefined;
}

export default defineRule<KubernetesModel>({
  id: 'kubernetes/pod-security',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: [],
  fix: 'unsafe',
  messages: {
    control: '{what} fails {control} ({level}): {detail}.',
  },
  docs: {
    summary:
      'Pod specs should meet the Pod Security Standard chosen with `kubernetes.podSecurity` (off by default).',
    rationale:
      "The Pod Security Standards are Kubernetes' own policy levels, enforced by the Pod Security admission " +
      'controller per namespace: `baseline` forbids the known privilege escalations (host namespaces, ' +
      'privileged containers, added capabilities, hostPath volumes, host ports, Unconfined profiles, unsafe ' +
      'sysctls, unmasked /proc, SELinux overrides), `restricted` adds the hardening (non-root, no privilege ' +
      'escalation, drop ALL, a seccomp profile, only ephemeral and configuration volume types). Set the level with ' +
      '`shipshape.kubernetes.podSecurity` or `.shipshape.yaml` (`kubernetes: { podSecurity: restricted }`); a ' +
      'Namespace (in the same file or elsewhere in the workspace) with a `pod-security.kubernetes.io/enforce` label decides for its objects, as ' +
      'the admission controller would. Each finding names the control as the standard does. The first fix makes ' +
      'the whole pod spec comply with the level (runAsNonRoot, allowPrivilegeEscalation: false, drop ALL, seccomp ' +
      'RuntimeDefault, host namespaces and ports removed); what it cannot decide (hostPath and other volume ' +
      'types, SELinux options, sysctls, runAsUser: 0) stays reported. The second fixes only the control reported.',
    bad: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  hostNetwork: true\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n',
    good: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n',
  },
  check(ctx) {
    const doc = ctx.doc;
    for (const w of ctx.model.workloads) {
      const level = podSecurityLevel(
        ctx.model,
        w.manifest,
        ctx.settings.podSecurity,
        ctx.host.kubernetes?.objects,
      );
      if (level === 'off' || w.manifest.partial) continue;
      const restricted = level === 'restricted';
      const list = failures(ctx, w, restricted);
      for (const f of list)
        ctx.report({
          at: f.at,
          messageId: 'control',
          data: { what: f.what, control: f.control, level: f.level, detail: f.detail },
          fix: stable(w.manifest.document, () => {
            const all = complianceEdits(w, list, doc, restricted);
            const one = f.edit?.();
            const out: FixSpec[] = [];
            if (all)
              out.push({
                title: `Make ${workloadLabel(w)} meet the ${level} Pod Security Standard (changes behaviour)`,
                edits: all,
              });
            if (one) out.push({ title: `Fix ${f.control} only (changes behaviour)`, edits: one });
            return out;
          }),
        });
    }
  },
});
