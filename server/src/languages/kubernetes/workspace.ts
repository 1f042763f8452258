import { parse } from 'yaml';
import type {
  IndexedObject,
  IndexedPort,
  IndexedSelector,
  KubernetesIndex,
} from '../../core/kubernetes-index';
import type { Host } from '../../core/rule';
import { detectLanguage } from '../detect';
import { isListedPatch } from './kustomize';
import type { KubernetesModel, Manifest } from './model';
import { createKubernetesCache, parseKubernetes, stringMap } from './parse';
import { containerPorts, entryAt, get, items, mapAt, num, str } from './query';

/**
 * The whole-application view: this file's objects (read from its model, so they are as fresh as the text)
 * and the other files' objects from the workspace index (`Host.kubernetes`). Cross-object rules ask it
 * "which workloads are in this namespace", "is there a Service called x" and stay quiet when the answer
 * cannot be known: an object kind the view has none of in that namespace proves nothing.
 */

const WORKLOAD_KINDS = new Set([
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
  'DeploymentConfig',
]);

function record(m: Map<string, string>): Record<string, string> {
  return Object.fromEntries(m);
}

export function selectorOf(node: unknown): IndexedSelector | undefined {
  const sel = mapAt(node as never);
  if (!sel) return undefined;
  return {
    matchLabels: record(stringMap(get(sel, 'matchLabels')?.value)),
    matchExpressions: items(get(sel, 'matchExpressions')?.value).map((e) => ({
      key: str(get(e, 'key')?.value) ?? '',
      operator: str(get(e, 'operator')?.value) ?? '',
      values: items(get(e, 'values')?.value).map((v) => str(v) ?? ''),
    })),
  };
}

/** Whether a selector selects a set of labels; an empty selector selects everything (as the API reads it). */
export function selects(sel: IndexedSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels)) if (labels[k] !== v) return false;
  for (const req of sel.matchExpressions) {
    const has = Object.hasOwn(labels, req.key);
    const value = labels[req.key] ?? '';
    if (req.operator === 'In' && !(has && req.values.includes(value))) return false;
    if (req.operator === 'NotIn' && has && req.values.includes(value)) return false;
    if (req.operator === 'Exists' && !has) return false;
    if (req.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** The index entry of one manifest. */
export function summarize(m: Manifest, file: string): IndexedObject {
  const o: IndexedObject = {
    file,
    kind: m.kind,
    group: m.group,
    labels: record(m.labels),
    partial: m.partial,
  };
  if (m.name !== undefined) o.name = m.name;
  if (m.namespace !== undefined) o.namespace = m.namespace;
  const w = m.workload;
  if (w) {
    o.podLabels = record(w.podLabels);
    o.containerPorts = w.containers.flatMap((c) => containerPorts(c).map(port));
    const replicas = num(get(w.spec, 'replicas')?.value);
    if (replicas !== undefined) o.replicas = replicas;
    const selector = selectorOf(get(w.spec, 'selector')?.value);
    if (selector) o.selector = selector;
  } else if (WORKLOAD_KINDS.has(m.kind)) {
    // An OpenShift DeploymentConfig: a workload whose selector is a plain map, its pods under template.
    o.podLabels = record(stringMap(entryAt(m.root, 'spec', 'template', 'metadata', 'labels')?.value));
    o.containerPorts = [];
    const replicas = num(entryAt(m.root, 'spec', 'replicas')?.value);
    if (replicas !== undefined) o.replicas = replicas;
  }
  if (m.kind === 'Service' && m.group === '') {
    const spec = mapAt(m.root, 'spec');
    const sel = get(spec, 'selector');
    if (sel) o.selector = { matchLabels: record(stringMap(sel.value)), matchExpressions: [] };
    o.servicePorts = items(get(spec, 'ports')?.value).map((p) =>
      port({ name: str(get(p, 'name')?.value), number: num(get(p, 'port')?.value) }),
    );
  }
  // The pods a PodDisruptionBudget covers and a NetworkPolicy applies to.
  const podSelector =
    m.kind === 'PodDisruptionBudget'
      ? entryAt(m.root, 'spec', 'selector')
      : m.kind === 'NetworkPolicy'
        ? entryAt(m.root, 'spec', 'podSelector')
        : undefined;
  const selected = podSelector ? selectorOf(podSelector.value) : undefined;
  if (selected) o.selector = selected;
  if (m.kind === 'HorizontalPodAutoscaler') {
    const kind = str(entryAt(m.root, 'spec', 'scaleTargetRef', 'kind')?.value);
    const name = str(entryAt(m.root, 'spec', 'scaleTargetRef', 'name')?.value);
    if (kind && name) o.scaleTarget = { kind, name };
    const min = num(entryAt(m.root, 'spec', 'minReplicas')?.value);
    if (min !== undefined) o.minReplicas = min;
  }
  return o;
}

function port(p: { name: string | undefined; number: number | undefined }): IndexedPort {
  const out: IndexedPort = {};
  if (p.name !== undefined) out.name = p.name;
  if (p.number !== undefined) out.number = p.number;
  return out;
}

const KUSTOMIZATION = /(^|[\\/])kustomization\.ya?ml$|(^|[\\/])Kustomization$/;

/**
 * The index entries of a file's text: its Kubernetes objects, or for a kustomization the ConfigMaps and
 * Secrets its generators make (in no particular namespace: kustomize may place them in any). Anything
 * else, a Helm template included, has none.
 */
export function summarizeText(file: string, text: string, host?: Host): IndexedObject[] {
  if (KUSTOMIZATION.test(file)) return generated(file, text);
  if (detectLanguage(file, undefined, text) !== 'kubernetes') {
    // A template of objects (`kind:` at the top, `{{` where YAML expects structure): its objects exist, unseen.
    return /\.ya?ml$/i.test(file) && text.includes('{{') && /^kind:/m.test(text)
      ? [{ file, kind: '', group: '', labels: {}, partial: true, template: true }]
      : [];
  }
  const patchFile = host ? isListedPatch(file, host) === true : false;
  const model = parseKubernetes(text, createKubernetesCache(), { patchFile });
  return model.manifests.map((m) => summarize(m, file));
}

function generated(file: string, text: string): IndexedObject[] {
  let data: unknown;
  try {
    data = parse(text);
  } catch {
    return [];
  }
  if (!data || typeof data !== 'object') return [];
  const k = data as Record<string, unknown>;
  const out: IndexedObject[] = [];
  for (const [field, kind] of [
    ['configMapGenerator', 'ConfigMap'],
    ['secretGenerator', 'Secret'],
  ] as const) {
    const list = k[field];
    if (!Array.isArray(list)) continue;
    for (const g of list) {
      const name = g && typeof g === 'object' ? (g as Record<string, unknown>).name : undefined;
      if (typeof name === 'string')
        out.push({ file, kind, group: '', name, labels: {}, partial: false, generated: true });
    }
  }
  return out;
}

export interface WorkspaceView {
  /** The document's name. */
  file: string;
  /**
   * This file's objects and the related files' (see `related`) from the index. Entries of the index for
   * this very file are left out: the document's text, perhaps unsaved, is the truth for it.
   */
  objects: readonly IndexedObject[];
  /** Whether the other files' objects are all known (the index is complete). */
  complete: boolean;
  /**
   * Every object of the workspace, related or not: a target anywhere in the workspace is not reported
   * missing, since Shipshape cannot tell which application deploys with which.
   */
  everywhere: readonly IndexedObject[];
}

const views = new WeakMap<
  KubernetesModel,
  { index: KubernetesIndex | undefined; file: string; view: WorkspaceView }
>();

function directory(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i < 0 ? '' : path.slice(0, i);
}

function inside(dir: string, parent: string): boolean {
  return dir === parent || parent === '' || dir.startsWith(parent + '/') || dir.startsWith(parent + '\\');
}

/**
 * Files that may belong to one application: in the same directory, or one's directory inside the other's
 * (`k8s/` and `k8s/base/`). Two apps side by side (`apps/a/`, `apps/b/`) do not judge each other: a
 * Service of one is not reported for selecting nothing among the other's Deployments.
 */
export function related(a: string, b: string): boolean {
  const da = directory(a);
  const db = directory(b);
  return inside(da, db) || inside(db, da);
}

const owns = new WeakMap<KubernetesModel, IndexedObject[]>();
const summaries = new WeakMap<Manifest, IndexedObject>();

/** The index entries of a model's own objects (what the language server's index keeps of an open document). */
export function ownObjects(model: KubernetesModel): IndexedObject[] {
  let own = owns.get(model);
  if (!own) {
    const file = model.file ?? '';
    own = model.manifests.map((m) => {
      // Unchanged documents keep their Manifest between parses: an edit summarizes only its document.
      const hit = summaries.get(m);
      if (hit && hit.file === file && hit.partial === m.partial) return hit;
      const o = summarize(m, file);
      summaries.set(m, o);
      return o;
    });
    owns.set(model, own);
  }
  return own;
}

/** The view for a model: built once per model and index. */
export function workspaceView(model: KubernetesModel, host: Host): WorkspaceView {
  if (model.whole) return workspaceView(model.whole, host);
  const file = model.file ?? '';
  const index = host.kubernetes;
  const hit = views.get(model);
  if (hit && hit.index === index && hit.file === file) return hit.view;
  const own = ownObjects(model);
  const all = index ? index.objects.filter((o) => o.file !== file) : [];
  const others = all.filter((o) => related(o.file, file));
  const view = {
    file,
    objects: [...own, ...others],
    complete: index?.complete === true,
    everywhere: others.length === all.length ? [...own, ...others] : [...own, ...all],
  };
  views.set(model, { index, file, view });
  return view;
}

/** Objects in a namespace that pass a test (an unset namespace is the one `kubectl apply` uses for all). */
export function inNamespace(
  view: WorkspaceView,
  namespace: string | undefined,
  test: (o: IndexedObject) => boolean,
  objects: readonly IndexedObject[] = view.objects,
): IndexedObject[] {
  const ns = namespace ?? '';
  return objects.filter((o) => (o.generated === true || (o.namespace ?? '') === ns) && test(o));
}

/**
 * The objects in a namespace that pass a test in the document's application (`found`) and in the whole
 * workspace (`everywhere`, where a target must be missing to be reported), and whether a missing one
 * means something: the document holds some of them, or the complete index does. Otherwise a target may
 * live where Shipshape cannot see.
 */
export function lookup(
  view: WorkspaceView,
  namespace: string | undefined,
  test: (o: IndexedObject) => boolean,
): { found: IndexedObject[]; known: boolean; everywhere: IndexedObject[] } {
  // Rules ask once per object with the same test (`isWorkload`): 150 HPAs need not filter 600 objects each.
  let byTest = lookups.get(view);
  if (!byTest) lookups.set(view, (byTest = new Map()));
  let byNamespace = byTest.get(test);
  if (!byNamespace) byTest.set(test, (byNamespace = new Map()));
  const hit = byNamespace.get(namespace ?? '');
  if (hit) return hit;
  const answer = lookupIn(view, namespace, test);
  byNamespace.set(namespace ?? '', answer);
  return answer;
}

/**
 * Answers of `lookup` by view, test and namespace. A view is built once per model and index and never
 * changes; its answers are shared between callers, which only read them.
 */
const lookups = new WeakMap<
  WorkspaceView,
  Map<(o: IndexedObject) => boolean, Map<string, ReturnType<typeof lookupIn>>>
>();

function lookupIn(
  view: WorkspaceView,
  namespace: string | undefined,
  test: (o: IndexedObject) => boolean,
): { found: IndexedObject[]; known: boolean; everywhere: IndexedObject[] } {
  const found = inNamespace(view, namespace, test);
  const everywhere =
    view.everywhere === view.objects ? found : inNamespace(view, namespace, test, view.everywhere);
  return {
    found,
    known: found.some((o) => o.file === view.file) || (seesAll(view) && found.length > 0),
    everywhere,
  };
}

/** The view holds every object of the application: the index is complete and no template hides some. */
function seesAll(view: WorkspaceView): boolean {
  return view.complete && !view.objects.some((o) => o.template === true);
}

/**
 * Whether a selector that matches none of `candidates` is worth a finding: always when one of them is in
 * the document (it was written beside them), and across files only for a near miss, when some candidate
 * carries every key the selector asks for with another value (`app: wbe` beside pods labelled `app: web`).
 * A selector whose keys no workload of the application uses is more likely to pick pods made elsewhere (by
 * an operator, a chart) than to be wrong.
 */
export function worthReporting(
  view: WorkspaceView,
  selector: IndexedSelector,
  candidates: readonly IndexedObject[],
  labelsOf: (o: IndexedObject) => Readonly<Record<string, string>> | undefined,
): boolean {
  if (candidates.some((o) => o.file === view.file)) return true;
  const keys = [...Object.keys(selector.matchLabels), ...selector.matchExpressions.map((e) => e.key)];
  return candidates.some((o) => {
    const labels = labelsOf(o) ?? {};
    return keys.every((k) => Object.hasOwn(labels, k));
  });
}

export function isWorkload(o: IndexedObject): boolean {
  return o.podLabels !== undefined;
}

/** A selector as a message shows it: `app: web, tier in (a, b)`. */
export function selectorText(sel: IndexedSelector): string {
  return [
    ...Object.entries(sel.matchLabels).map(([k, v]) => `${k}: ${v}`),
    ...sel.matchExpressions.map(
      (e) => `${e.key} ${e.operator}${e.values.length > 0 ? ` (${e.values.join(', ')})` : ''}`,
    ),
  ].join(', ');
}

/** Whether a selector has any requirement (an empty one selects every pod of the namespace). */
export function selectsSome(sel: IndexedSelector): boolean {
  return Object.keys(sel.matchLabels).length > 0 || sel.matchExpressions.length > 0;
}

/** `Deployment web`. */
export function objectLabel(o: IndexedObject): string {
  return `${o.kind}${o.name ? ` ${o.name}` : ''}`;
}

/**
 * The index's entries by file, with a snapshot rules can hold: a new snapshot object after every change,
 * so views built on the old one are not reused. Open documents are kept apart and win over the disk.
 */
export class KubernetesIndexStore {
  private readonly disk = new Map<string, readonly IndexedObject[]>();
  private readonly open = new Map<string, readonly IndexedObject[]>();
  private snapshot: KubernetesIndex | undefined;
  /** Bumped on every change that alters a snapshot. */
  version = 0;
  complete = false;

  /** Sets a file's entries as read from disk (an empty list forgets it); false when nothing changed. */
  setDisk(file: string, objects: readonly IndexedObject[]): boolean {
    const old = this.disk.get(file) ?? [];
    if (objects.length === 0) this.disk.delete(file);
    else this.disk.set(file, objects);
    // An open document's entries stand for its file: what the disk says shows once it is closed.
    if (this.open.has(file) || sameObjects(old, objects)) return false;
    this.changed();
    return true;
  }

  /** Sets, or with undefined drops, the entries of an open document, which win over its file's. */
  setOpen(file: string, objects: readonly IndexedObject[] | undefined): boolean {
    const before = this.open.get(file) ?? this.disk.get(file) ?? [];
    if (objects === undefined) this.open.delete(file);
    else this.open.set(file, objects);
    const after = objects ?? this.disk.get(file) ?? [];
    if (sameObjects(before, after)) return false;
    this.changed();
    return true;
  }

  setComplete(complete: boolean): void {
    if (this.complete === complete) return;
    this.complete = complete;
    this.changed();
  }

  get files(): number {
    return this.disk.size;
  }

  get(): KubernetesIndex {
    if (!this.snapshot) {
      const objects: IndexedObject[] = [];
      for (const [file, list] of this.disk) if (!this.open.has(file)) objects.push(...list);
      for (const list of this.open.values()) objects.push(...list);
      this.snapshot = { complete: this.complete, objects };
    }
    return this.snapshot;
  }

  private changed(): void {
    this.snapshot = undefined;
    this.version++;
  }
}

/** Entries are plain data built in one order, so their JSON tells whether they changed. */
export function sameObjects(a: readonly IndexedObject[], b: readonly IndexedObject[]): boolean {
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}
