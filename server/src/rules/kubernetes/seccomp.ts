import { defineRule } from '../../core/rule';
import { setScalar } from '../../fixes/kubernetes';
import { addPodSeccomp } from '../../fixes/pod-security';
import {
  containerLabel,
  entryAt,
  get,
  items,
  manifestRange,
  mapAt,
  rangeOf,
  stable,
  stringMap,
  str,
  workloadLabel,
  type Entry,
  type KubernetesModel,
  type Workload,
} from '../../languages/kubernetes';

const UNSET = ['checkov:CKV_K8S_31', 'trivy:KSV030'];
const UNCONFINED = ['checkov:CKV_K8S_31', 'trivy:KSV030', 'trivy:KSV104'];
const APPARMOR = ['trivy:KSV002'];
const HARDENING = 'polaris:linuxHardening';

/**
 * Polaris' linuxHardening passes a container with any of: a seccomp profile, SELinux options, an AppArmor
 * annotation, or capabilities it drops. It answers to the "unset" finding only when none is there.
 */
function unhardened(w: Workload): boolean {
  const annotations = stringMap(get(w.podMetadata, 'annotations')?.value);
  const podSelinux = mapAt(w.podSpec, 'securityContext', 'seLinuxOptions');
  return w.containers.some(
    (c) =>
      !annotations.has(`container.apparmor.security.beta.kubernetes.io/${c.name ?? ''}`) &&
      !(podSelinux?.items.length || mapAt(c.node, 'securityContext', 'seLinuxOptions')?.items.length) &&
      !mapAt(c.node, 'securityContext', 'appArmorProfile') &&
      items(entryAt(c.node, 'securityContext', 'capabilities', 'drop')?.value).length === 0,
  );
}

export default defineRule<KubernetesModel>({
  id: 'kubernetes/seccomp',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: [...UNCONFINED, ...APPARMOR, HARDENING],
  fix: 'unsafe',
  messages: {
    unconfined:
      '{what} runs without a seccomp filter (Unconfined): every system call reaches the kernel, the attack surface container escapes use.',
    unset:
      '{what} sets no seccomp profile, so it runs Unconfined unless the kubelet defaults to RuntimeDefault: set seccompProfile: {type: RuntimeDefault}.',
    apparmor: '{what} runs without AppArmor confinement (unconfined).',
  },
  docs: {
    summary: 'Pods should run under the RuntimeDefault seccomp profile, and not unconfined by AppArmor.',
    rationale:
      "The container runtime's default seccomp profile blocks the rarely used system calls most kernel exploits " +
      'need, at no cost to ordinary programs; Kubernetes applies it only when asked (`seccompProfile: {type: ' +
      'RuntimeDefault}` on the pod or every container), unless the kubelet runs with `--seccomp-default`. An ' +
      'explicit `Unconfined` seccomp or AppArmor profile (field or annotation) is a warning; no profile at all is ' +
      'info, once per workload. The restricted Pod Security Standard requires a profile. The fixes set ' +
      '`RuntimeDefault` (on the pod when nothing is set, in place of `Unconfined` where it is written); a program ' +
      'that makes unusual system calls may then fail, hence unsafe.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n',
  },
  check(ctx) {
    const doc = ctx.doc;
    for (const w of ctx.model.workloads) {
      const m = w.manifest;
      const annotations = stringMap(get(w.podMetadata, 'annotations')?.value);
      const places: [Entry | undefined, Entry | undefined, string][] = [
        [
          entryAt(w.podSpec, 'securityContext', 'seccompProfile', 'type'),
          entryAt(w.podSpec, 'securityContext', 'appArmorProfile', 'type'),
          workloadLabel(w),
        ],
        ...w.containers.map(
          (c) =>
            [
              entryAt(c.node, 'securityContext', 'seccompProfile', 'type'),
              entryAt(c.node, 'securityContext', 'appArmorProfile', 'type'),
              containerLabel(c),
            ] as [Entry | undefined, Entry | undefined, string],
        ),
      ];
      for (const [seccomp, apparmor, what] of places) {
        for (const [e, messageId, aliases] of [
          [seccomp, 'unconfined', UNCONFINED],
          [apparmor, 'apparmor', APPARMOR],
        ] as const) {
          if (!e || str(e.value) !== 'Unconfined') continue;
          ctx.report({
            at: rangeOf(doc, e),
            messageId,
            aliases,
            data: { what },
            fix: stable(m.document, () => {
              const edit = e.value ? setScalar(doc, e.value, 'RuntimeDefault') : undefined;
              return edit
                ? { title: 'Use the RuntimeDefault profile (changes behaviour)', edits: [edit] }
                : undefined;
            }),
          });
        }
      }
      for (const c of w.containers) {
        const value = annotations.get(`container.apparmor.security.beta.kubernetes.io/${c.name ?? ''}`);
        if (value === 'unconfined')
          ctx.report({
            at: manifestRange(doc, m),
            messageId: 'apparmor',
            aliases: APPARMOR,
            data: { what: containerLabel(c) },
          });
      }
      // A kustomize patch may get its profile from the object it patches.
      if (m.partial || w.containers.length === 0) continue;
      const podLevel =
        mapAt(w.podSpec, 'securityContext', 'seccompProfile') ??
        annotations.get('seccomp.security.alpha.kubernetes.io/pod');
      if (podLevel || w.containers.every((c) => mapAt(c.node, 'securityContext', 'seccompProfile'))) continue;
      ctx.report({
        at: manifestRange(doc, m),
        messageId: 'unset',
        severity: 'info',
        aliases: unhardened(w) ? [...UNSET, HARDENING] : UNSET,
        data: { what: workloadLabel(w) },
        fix: stable(m.document, () => {
          const edit = addPodSeccomp(doc, w);
          return edit
            ? {
                title: 'Run the pod under the RuntimeDefault seccomp profile (changes behaviour)',
                edits: [edit],
              }
            : undefined;
        }),
      });
    }
  },
});
