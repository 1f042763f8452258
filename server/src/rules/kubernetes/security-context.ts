import { defineRule } from '../../core/rule';
import { hardenFix, type HardeningItem as Item } from '../../fixes/security-context';
import {
  bool,
  containerLabel,
  containerRange,
  effectiveSecurity,
  get,
  items,
  keyRange,
  mapAt,
  notSkipped,
  stable,
  str,
  type Container,
  type KubernetesModel,
} from '../../languages/kubernetes';

const ALIASES: Record<Item, readonly string[]> = {
  runAsNonRoot: ['kube-linter:run-as-non-root', 'polaris:runAsRootAllowed', 'checkov:CKV_K8S_23', 'trivy:KSV012'],
  // Polaris fires when allowPrivilegeEscalation is not false (unset included), as Checkov and Trivy do.
  allowPrivilegeEscalation: ['polaris:privilegeEscalationAllowed', 'checkov:CKV_K8S_20', 'trivy:KSV001'],
  readOnlyRootFilesystem: ['kube-linter:no-read-only-root-fs', 'polaris:notReadOnlyRootFilesystem', 'checkov:CKV_K8S_22', 'trivy:KSV014'],
  drop: ['polaris:insecureCapabilities', 'checkov:CKV_K8S_37', 'trivy:KSV003'],
}; // prettier-ignore

/** kube-linter's check fires only on an explicit `allowPrivilegeEscalation: true`. */
const EXPLICIT_ESCALATION = 'kube-linter:privilege-escalation-container';
/** kube-linter's and Checkov's NET_RAW checks fire when neither NET_RAW nor ALL is dropped. */
const NET_RAW = ['kube-linter:drop-net-raw-capability', 'checkov:CKV_K8S_28'];

const KEYS: Record<Item, string> = {
  runAsNonRoot: 'runAsNonRoot',
  allowPrivilegeEscalation: 'allowPrivilegeEscalation',
  readOnlyRootFilesystem: 'readOnlyRootFilesystem',
  drop: 'capabilities',
};

function aliasesOf(item: Item, c: Container): string[] {
  const sc = mapAt(c.node, 'securityContext');
  if (item === 'allowPrivilegeEscalation' && bool(get(sc, 'allowPrivilegeEscalation')?.value) === true)
    return [...ALIASES[item], EXPLICIT_ESCALATION];
  if (item === 'drop') {
    const dropped = items(get(mapAt(sc, 'capabilities'), 'drop')?.value).map((d) => str(d)?.toUpperCase());
    if (!dropped.includes('NET_RAW')) return [...ALIASES[item], ...NET_RAW];
  }
  return [...ALIASES[item]];
}

function missing(c: Container): Item[] {
  const s = effectiveSecurity(c);
  const out: Item[] = [];
  if (!s.nonRoot) out.push('runAsNonRoot');
  if (s.allowPrivilegeEscalation !== false) out.push('allowPrivilegeEscalation');
  if (s.readOnlyRootFilesystem !== true) out.push('readOnlyRootFilesystem');
  if (!s.dropsAll) out.push('drop');
  return out;
}

export default defineRule<KubernetesModel>({
  id: 'kubernetes/security-context',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: [
    ...ALIASES.runAsNonRoot,
    ...ALIASES.allowPrivilegeEscalation,
    EXPLICIT_ESCALATION,
    ...ALIASES.readOnlyRootFilesystem,
    ...ALIASES.drop,
    ...NET_RAW,
  ],
  fix: 'unsafe',
  messages: {
    runAsNonRoot: '{container} may run as root: set runAsNonRoot: true (or a non-zero runAsUser).',
    allowPrivilegeEscalation:
      '{container} allows privilege escalation: set allowPrivilegeEscalation: false, so setuid binaries cannot gain privileges.',
    readOnlyRootFilesystem:
      '{container} has a writable root filesystem: set readOnlyRootFilesystem: true (and mount an emptyDir where it writes).',
    drop: '{container} keeps the default Linux capabilities: drop them all (capabilities.drop: [ALL]) and add back only what it needs.',
  },
  docs: {
    summary:
      'Containers should run as non-root, without privilege escalation, on a read-only root filesystem, with all capabilities dropped.',
    rationale:
      "These four settings are the usual container hardening and the core of the Pod Security Standards' restricted profile: " +
      'a process that is not root, cannot gain privileges through setuid binaries, cannot rewrite its own image and ' +
      'holds no Linux capabilities turns most container escapes and post-exploitation steps into dead ends. ' +
      "`runAsNonRoot` (or a non-zero `runAsUser`) counts from the pod's securityContext too; the others exist only " +
      'per container. Init containers are checked as well. Each missing setting is its own finding, on the key at ' +
      "fault when it is written, and answers only to the checks of other tools that test that setting (Polaris' " +
      "`privilegeEscalationAllowed` fires when `allowPrivilegeEscalation` is unset, kube-linter's " +
      '`privilege-escalation-container` only when it is true), so one of them can be silenced alone; annotations ' +
      'that skip a check of kube-linter, Polaris or Checkov leave that setting out. ' +
      "The first fix adds or completes the container's securityContext with every missing setting, the second sets " +
      'only the one reported. They change behaviour: an image that runs as root will not start, and an app that ' +
      'writes outside its volumes needs an emptyDir (for /tmp, say).',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    securityContext:\n      runAsNonRoot: true\n      allowPrivilegeEscalation: false\n      readOnlyRootFilesystem: true\n      capabilities:\n        drop:\n        - ALL\n',
  },
  check(ctx) {
    const doc = ctx.doc;
    for (const w of ctx.model.workloads)
      for (const c of w.containers) {
        const m = w.manifest;
        // A kustomize patch holds only what it changes: the security context may be in the object it patches.
        if (m.partial) continue;
        const found = missing(c).filter((i) => {
          const aliases = aliasesOf(i, c);
          return notSkipped(m, aliases).length === aliases.length;
        });
        const sc = get(c.node, 'securityContext');
        const scMap = mapAt(c.node, 'securityContext');
        for (const item of found) {
          const own = get(scMap, KEYS[item]);
          ctx.report({
            at: own ? keyRange(doc, own) : sc ? keyRange(doc, sc) : containerRange(doc, c),
            messageId: item,
            aliases: aliasesOf(item, c),
            data: { container: containerLabel(c) },
            fix: stable(m.document, () => {
              const all = hardenFix(doc, c, found);
              const one = found.length > 1 ? hardenFix(doc, c, [item]) : undefined;
              return [
                ...(all ? [{ title: 'Harden the security context (changes behaviour)', edits: all }] : []),
                ...(one
                  ? [
                      {
                        title: `Set ${item === 'drop' ? 'capabilities.drop: [ALL]' : item} only (changes behaviour)`,
                        edits: one,
                      },
                    ]
                  : []),
              ];
            }),
          });
        }
      }
  },
});
