import type { IndexedObject } from '../../core/kubernetes-index';
import { defineRule, type RuleContext } from '../../core/rule';
import { replaceNode, scalar } from '../../fixes/kubernetes';
import {
  bool,
  containerLabel,
  entries,
  entryAt,
  get,
  items,
  lookup,
  rangeOf,
  sameNamespace,
  stable,
  str,
  workloadLabel,
  workspaceView,
  type Entry,
  type KubernetesModel,
  type Manifest,
  type Node,
  type Workload,
} from '../../languages/kubernetes';
import { didYouMean } from '../../schema/kubernetes';

type Target = 'ServiceAccount' | 'ConfigMap' | 'Secret';

/**
 * The objects that make an object of each kind appear under their own name: Bitnami's SealedSecret and the
 * External Secrets Operator's ExternalSecret produce a Secret of the same name.
 */
const MAKERS: Record<Target, readonly string[]> = {
  ServiceAccount: ['ServiceAccount'],
  ConfigMap: ['ConfigMap'],
  Secret: ['Secret', 'SealedSecret', 'ExternalSecret'],
};

interface Reference {
  kind: Target;
  name: Entry;
  /** Who refers: a container, or the pod (volumes, service account). */
  from: string;
  /** An environment variable's `valueFrom` (kube-linter's env-value-from), with the key it reads. */
  valueFrom?: boolean;
  key?: Entry;
}

/** A reference unless it is marked `optional: true` (the pod then starts without it). */
function ref(kind: Target, holder: Node | null | undefined, key: string, from: string): Reference[] {
  const name = get(holder, key);
  if (!name || str(name.value) === undefined || bool(get(holder, 'optional')?.value) === true) return [];
  return [{ kind, name, from }];
}

/** A `valueFrom` reference, with the key it reads. */
function keyRef(kind: Target, holder: Node | null | undefined, from: string): Reference[] {
  const key = get(holder, 'key');
  return ref(kind, holder, 'name', from).map((r) =>
    key ? { ...r, valueFrom: true, key } : { ...r, valueFrom: true },
  );
}

/** The ConfigMap or Secret of this file a reference reads, when no other object of that name is known. */
function soleTarget(
  model: Pick<KubernetesModel, 'secrets' | 'configMaps'>,
  w: Workload,
  r: Reference,
  name: string,
  everywhere: readonly IndexedObject[],
): Manifest | undefined {
  const list = r.kind === 'Secret' ? model.secrets : model.configMaps;
  const own = list.filter((m) => m.name === name && sameNamespace(m, w.manifest) && !m.partial);
  return own.length === 1 && everywhere.filter((o) => o.name === name).length === 1 ? own[0] : undefined;
}

/** The keys a ConfigMap or Secret of this file holds. */
function keysOf(m: Manifest): Set<string> {
  const fields = m.kind === 'Secret' ? ['data', 'stringData'] : ['data', 'binaryData'];
  return new Set(fields.flatMap((f) => entries(get(m.root, f)?.value).map((e) => e.key)));
}

function references(w: Workload): Reference[] {
  const pod = workloadLabel(w);
  const out: Reference[] = [];
  const spec = w.podSpec;
  const sa = get(spec, 'serviceAccountName') ?? get(spec, 'serviceAccount');
  // Every namespace has a `default` ServiceAccount.
  if (sa && str(sa.value) !== undefined && str(sa.value) !== 'default')
    out.push({ kind: 'ServiceAccount', name: sa, from: pod });
  for (const c of w.containers) {
    const from = containerLabel(c);
    for (const e of items(get(c.node, 'envFrom')?.value)) {
      out.push(...ref('ConfigMap', get(e, 'configMapRef')?.value, 'name', from));
      out.push(...ref('Secret', get(e, 'secretRef')?.value, 'name', from));
    }
    for (const e of items(get(c.node, 'env')?.value)) {
      out.push(...keyRef('ConfigMap', entryAt(e, 'valueFrom', 'configMapKeyRef')?.value, from));
      out.push(...keyRef('Secret', entryAt(e, 'valueFrom', 'secretKeyRef')?.value, from));
    }
  }
  for (const v of items(get(spec, 'volumes')?.value)) {
    out.push(...ref('ConfigMap', get(v, 'configMap')?.value, 'name', pod));
    out.push(...ref('Secret', get(v, 'secret')?.value, 'secretName', pod));
    for (const s of items(entryAt(v, 'projected', 'sources')?.value)) {
      out.push(...ref('ConfigMap', get(s, 'configMap')?.value, 'name', pod));
      out.push(...ref('Secret', get(s, 'secret')?.value, 'name', pod));
    }
  }
  return out;
}

/** Reports a `valueFrom` key its ConfigMap or Secret, written in this file, does not hold. */
function checkKey(
  ctx: RuleContext<KubernetesModel>,
  w: Workload,
  r: Reference,
  name: string,
  everywhere: readonly IndexedObject[],
  aliases: string[],
): void {
  const key = str(r.key?.value);
  const value = r.key?.value;
  const target = r.key
    ? soleTarget({ secrets: ctx.model.secrets, configMaps: ctx.model.configMaps }, w, r, name, everywhere)
    : undefined;
  if (!target || !r.key || !value || key === undefined) return;
  const keys = keysOf(target);
  if (keys.has(key)) return;
  const guess = didYouMean(key, [...keys]);
  ctx.report({
    at: rangeOf(ctx.doc, r.key),
    messageId: 'key',
    data: { from: r.from, key, kind: r.kind, name, hint: guess ? ` Did you mean ${guess}?` : '' },
    aliases,
    fix: guess
      ? stable(w.manifest.document, () => {
          const edit = replaceNode(ctx.doc, value, scalar(guess));
          return edit ? { title: `Use key ${guess} (changes behaviour)`, edits: [edit] } : undefined;
        })
      : undefined,
  });
}

export default defineRule<KubernetesModel>({
  id: 'kubernetes/missing-reference',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: ['kube-linter:non-existent-service-account', 'kube-linter:env-value-from'],
  fix: 'unsafe',
  messages: {
    ServiceAccount:
      '{from} runs as ServiceAccount {name}, which is not in its namespace in this application: no pod is created until it exists.{hint}',
    ConfigMap:
      '{from} reads ConfigMap {name}, which is not in its namespace in this application: the pod does not start until it exists.{hint}',
    Secret:
      '{from} reads Secret {name}, which is not in its namespace in this application: the pod does not start until it exists.{hint}',
    key: '{from} reads key {key} of {kind} {name}, which has no such key: the container does not start.{hint}',
  },
  docs: {
    summary: 'The ServiceAccount, ConfigMaps and Secrets a pod refers to should exist.',
    rationale:
      'A pod that runs as a missing ServiceAccount is never created ("error looking up service account"); one that ' +
      'reads a missing ConfigMap or Secret through `envFrom`, `valueFrom` or a volume stays in ' +
      '`CreateContainerConfigError` or `ContainerCreating`. All of them apply cleanly. A reference is checked only ' +
      "when the file, or the workspace files of the same application, hold objects of that kind in the pod's " +
      'namespace: many are created outside the repository (by an operator, `kubectl create secret`, a ' +
      'kustomize generator, which counts as one). References marked `optional: true` and the `default` ' +
      'ServiceAccount are left alone; a SealedSecret or ExternalSecret counts as the Secret it makes. The key an ' +
      'environment variable reads (`valueFrom`) is checked when its ConfigMap or Secret is in the same file and ' +
      'no other object of that name is known (an overlay may hold other keys). The fix renames a reference ' +
      'one typo away from an existing object or key.',
    bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api-config\ndata:\n  LOG_LEVEL: info\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n      - name: api\n        image: registry.example.com/api:1.4.2\n        envFrom:\n        - configMapRef:\n            name: api-configs\n',
    good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api-config\ndata:\n  LOG_LEVEL: info\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n      - name: api\n        image: registry.example.com/api:1.4.2\n        envFrom:\n        - configMapRef:\n            name: api-config\n',
  },
  check(ctx) {
    const doc = ctx.doc;
    const view = workspaceView(ctx.model, ctx.host);
    const seen = new Map<string, { found: IndexedObject[]; known: boolean; everywhere: IndexedObject[] }>();
    for (const w of ctx.model.workloads) {
      if (w.manifest.partial) continue;
      const ns = w.manifest.namespace;
      for (const r of references(w)) {
        const key = `${r.kind}\0${ns ?? ''}`;
        let hit = seen.get(key);
        if (!hit) {
          hit = lookup(view, ns, (o) => MAKERS[r.kind].includes(o.kind));
          seen.set(key, hit);
        }
        const name = str(r.name.value) ?? '';
        const aliases =
          r.kind === 'ServiceAccount'
            ? ['kube-linter:non-existent-service-account']
            : r.valueFrom
              ? ['kube-linter:env-value-from']
              : [];
        checkKey(ctx, w, r, name, hit.everywhere, aliases);
        if (!hit.known || hit.everywhere.some((o) => o.name === name)) continue;
        const guess = didYouMean(
          name,
          hit.found.flatMap((o) => (o.name ? [o.name] : [])),
        );
        const value = r.name.value;
        ctx.report({
          at: rangeOf(doc, r.name),
          messageId: r.kind,
          data: { from: r.from, name, hint: guess ? ` Did you mean ${guess}?` : '' },
          aliases,
          fix:
            guess && value
              ? stable(w.manifest.document, () => ({
                  title: `Use ${r.kind} ${guess} (changes behaviour)`,
                  edits: [{ range: rangeOf(doc, value), newText: guess }],
                }))
              : undefined,
        });
      }
    }
  },
});
