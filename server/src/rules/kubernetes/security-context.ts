import { defineRule } from '../../core/rule';
import type { TextDoc, TextEdit } from '../../core/text';
import {
  addToEntry,
  addToMap,
  addToSequence,
  setScalar,
  styleOf,
  yamlLines,
  type YValue,
} from '../../fixes/kubernetes';
import {
  bool,
  containerLabel,
  containerRange,
  effectiveSecurity,
  get,
  isSeq,
  keyRange,
  mapAt,
  notSkipped,
  num,
  stable,
  str,
  type Container,
  type KubernetesModel,
} from '../../languages/kubernetes';
import { deref } from '../../languages/yaml/model';

type Item = 'runAsNonRoot' | 'allowPrivilegeEscalation' | 'readOnlyRootFilesystem' | 'drop';

const ALIASES: Record<Item, readonly string[]> = {
  runAsNonRoot: ['kube-linter:run-as-non-root', 'polaris:runAsRootAllowed', 'checkov:CKV_K8S_23', 'trivy:KSV012'],
  allowPrivilegeEscalation: ['checkov:CKV_K8S_20', 'trivy:KSV001'],
  readOnlyRootFilesystem: ['kube-linter:no-read-only-root-fs', 'polaris:notReadOnlyRootFilesystem', 'checkov:CKV_K8S_22', 'trivy:KSV014'],
  drop: ['polaris:insecureCapabilities', 'checkov:CKV_K8S_37', 'trivy:KSV003'],
}; // prettier-ignore

/**
 * kube-linter's and Polaris' checks only fire when allowPrivilegeEscalation is set to true, not when it is
 * unset (Checkov's and Trivy's fire on both): they are the same check only for an explicit true.
 */
const EXPLICIT_ESCALATION = [
  'kube-linter:privilege-escalation-container',
  'polaris:privilegeEscalationAllowed',
];

const PHRASES: Record<Item, string> = {
  runAsNonRoot: 'it may run as root (no runAsNonRoot: true)',
  allowPrivilegeEscalation: 'allowPrivilegeEscalation is not false',
  readOnlyRootFilesystem: 'its root filesystem is writable',
  drop: 'it keeps the default capabilities (no drop: [ALL])',
};

function aliasesOf(item: Item, c: Container): string[] {
  const explicit = bool(get(mapAt(c.node, 'securityContext'), 'allowPrivilegeEscalation')?.value) === true;
  return item === 'allowPrivilegeEscalation' && explicit
    ? [...ALIASES[item], ...EXPLICIT_ESCALATION]
    : [...ALIASES[item]];
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

/**
 * Completes the container's securityContext with the hardened settings it lacks: a whole block when it
 * has none, otherwise the missing keys appended and wrong values replaced. Undefined when a setting
 * cannot be fixed by an edit (runAsUser: 0 asks for root explicitly).
 */
export function hardenFix(doc: TextDoc, c: Container, items: readonly Item[]): TextEdit[] | undefined {
  const style = styleOf(doc);
  const runAsUser =
    num(get(mapAt(c.node, 'securityContext'), 'runAsUser')?.value) ??
    num(get(mapAt(c.workload.podSpec, 'securityContext'), 'runAsUser')?.value);
  if (items.includes('runAsNonRoot') && runAsUser === 0) return undefined;
  const full: Record<string, YValue> = {};
  if (items.includes('runAsNonRoot')) full.runAsNonRoot = true;
  if (items.includes('allowPrivilegeEscalation')) full.allowPrivilegeEscalation = false;
  if (items.includes('readOnlyRootFilesystem')) full.readOnlyRootFilesystem = true;
  if (items.includes('drop')) full.capabilities = { drop: ['ALL'] };
  const entry = get(c.node, 'securityContext');
  const sc = mapAt(c.node, 'securityContext');
  if (!entry) {
    const e = addToMap(doc, c.node, yamlLines({ securityContext: full }, style));
    return e ? [e] : undefined;
  }
  if (!sc || sc.items.length === 0) {
    const e = addToEntry(doc, entry, yamlLines(full, style));
    return e ? [e] : undefined;
  }
  if (sc.flow) return undefined;
  const nested: TextEdit[] = [];
  const appended: Record<string, YValue> = {};
  for (const [key, value] of [
    ['runAsNonRoot', true],
    ['allowPrivilegeEscalation', false],
    ['readOnlyRootFilesystem', true],
  ] as const) {
    if (!(key in full)) continue;
    const existing = get(sc, key);
    if (existing?.value && str(existing.value) !== undefined) {
      const e = setScalar(doc, existing.value, value);
      if (!e) return undefined;
      nested.push(e);
    } else if (existing) return undefined;
    else appended[key] = value;
  }
  if (items.includes('drop')) {
    const caps = get(sc, 'capabilities');
    const capsMap = mapAt(sc, 'capabilities');
    const drop = get(capsMap, 'drop');
    if (!caps) appended.capabilities = { drop: ['ALL'] };
    else if (!capsMap || capsMap.items.length === 0) {
      const e = addToEntry(doc, caps, yamlLines({ drop: ['ALL'] }, style));
      if (!e) return undefined;
      nested.push(e);
    } else if (!drop) {
      const e = capsMap.flow ? undefined : addToMap(doc, capsMap, yamlLines({ drop: ['ALL'] }, style));
      if (!e) return undefined;
      nested.push(e);
    } else {
      const d = deref(drop.value);
      const e = isSeq(d) ? addToSequence(doc, d, 'ALL') : undefined;
      if (!e) return undefined;
      nested.push(e);
    }
  }
  // Entries nested deeper come first: they may be inserted where the appended keys are.
  const edits = [...nested];
  if (Object.keys(appended).length) {
    const e = addToMap(doc, sc, yamlLines(appended, style));
    if (!e) return undefined;
    edits.push(e);
  }
  return edits.length ? edits : undefined;
}

export default defineRule<KubernetesModel>({
  id: 'kubernetes/security-context',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: [
    ...ALIASES.runAsNonRoot,
    ...ALIASES.allowPrivilegeEscalation,
    ...EXPLICIT_ESCALATION,
    ...ALIASES.readOnlyRootFilesystem,
    ...ALIASES.drop,
  ],
  fix: 'unsafe',
  messages: {
    weak: '{container} runs with a weak security context: {missing}.',
  },
  docs: {
    summary:
      'Containers should run as non-root, without privilege escalation, on a read-only root filesystem, with all capabilities dropped.',
    rationale:
      "These four settings are the usual container hardening and the core of the Pod Security Standards' restricted profile: " +
      'a process that is not root, cannot gain privileges through setuid binaries, cannot rewrite its own image and ' +
      'holds no Linux capabilities turns most container escapes and post-exploitation steps into dead ends. ' +
      "`runAsNonRoot` (or a non-zero `runAsUser`) counts from the pod's securityContext too; the others exist only " +
      'per container. Init containers are checked as well. One finding per container lists what is missing; ' +
      'annotations that skip one of the matching checks of kube-linter, Polaris or Checkov leave that setting out. ' +
      "The fix adds or completes the container's securityContext. It changes behaviour: an image that runs as root " +
      'will not start, and an app that writes outside its volumes needs an emptyDir (for /tmp, say).',
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
        const items = missing(c).filter((i) => {
          const aliases = aliasesOf(i, c);
          return notSkipped(m, aliases).length === aliases.length;
        });
        if (items.length === 0) continue;
        const sc = get(c.node, 'securityContext');
        ctx.report({
          at: sc ? keyRange(doc, sc) : containerRange(doc, c),
          messageId: 'weak',
          aliases: items.flatMap((i) => aliasesOf(i, c)),
          data: { container: containerLabel(c), missing: items.map((i) => PHRASES[i]).join('; ') },
          fix: stable(m.document, () => {
            const edits = hardenFix(doc, c, items);
            return edits ? { title: 'Harden the security context (changes behaviour)', edits } : undefined;
          }),
        });
      }
  },
});
