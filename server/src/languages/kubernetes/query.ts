import type { FixSpec } from '../../core/rule';
import type { Range, TextDoc } from '../../core/text';
import {
  deref,
  entries,
  get,
  isMap,
  isScalar,
  isSeq,
  items,
  nodeRange,
  str,
  type Entry,
  type Node,
  type Scalar,
  type YAMLMap,
} from '../yaml/model';
import type { Container, KDocument, Manifest, Workload } from './model';

/** Queries the Kubernetes rules share, so that each reads the objects the same way. */

/**
 * A boolean as the API server reads YAML: Kubernetes tools parse YAML 1.1, where `yes`, `on`, `y` (and
 * their opposites) are booleans too, not only `true` and `false`.
 */
export function bool(node: Node | null | undefined): boolean | undefined {
  const n = deref(node);
  if (!isScalar(n)) return undefined;
  if (typeof n.value === 'boolean') return n.value;
  if (typeof n.value !== 'string' || n.type !== 'PLAIN') return undefined;
  return yaml11Bool(n.value);
}

export function yaml11Bool(s: string): boolean | undefined {
  if (/^(y|Y|yes|Yes|YES|on|On|ON|true|True|TRUE)$/.test(s)) return true;
  if (/^(n|N|no|No|NO|off|Off|OFF|false|False|FALSE)$/.test(s)) return false;
  return undefined;
}

export function num(node: Node | null | undefined): number | undefined {
  const n = deref(node);
  return isScalar(n) && typeof n.value === 'number' ? n.value : undefined;
}

export function asMap(node: Node | null | undefined): YAMLMap | null {
  const n = deref(node);
  return isMap(n) ? n : null;
}

/** The mapping at a path of keys under a node, or null when any step is missing or not a mapping. */
export function mapAt(node: Node | null | undefined, ...keys: string[]): YAMLMap | null {
  let cur = asMap(node);
  for (const k of keys) cur = asMap(get(cur, k)?.value);
  return cur;
}

/** The entry at a path of keys (the last key's entry), or undefined. */
export function entryAt(node: Node | null | undefined, ...keys: string[]): Entry | undefined {
  const last = keys[keys.length - 1];
  if (last === undefined) return undefined;
  return get(mapAt(node, ...keys.slice(0, -1)), last);
}

/**
 * Whether a mapping has a key, spelt right or with other capitals: a misspelt `livenessprobe` is the
 * schema rule's finding, and rules that look for `livenessProbe` should not report it missing as well.
 */
export function hasKeyLoosely(node: Node | null | undefined, key: string): boolean {
  const lower = key.toLowerCase();
  return entries(node).some((e) => e.key.toLowerCase() === lower);
}

/** The range of a node, or of an entry (its value, or its key when the value is missing). */
export function rangeOf(doc: TextDoc, node: Node | Entry | null | undefined): Range {
  if (!node) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  if ('keyNode' in node) {
    const v = node.value;
    return v && v.range && !isNullScalar(v) ? nodeRange(doc, v) : nodeRange(doc, node.keyNode);
  }
  return nodeRange(doc, node);
}

/** The range of an entry's key. */
export function keyRange(doc: TextDoc, e: Entry): Range {
  return nodeRange(doc, e.keyNode);
}

function isNullScalar(n: Node): boolean {
  return (
    isScalar(n) && (n.value === null || n.value === undefined) && (n.range?.[0] ?? 0) === (n.range?.[1] ?? 0)
  );
}

/** Where a finding about a whole container goes: its name, else its first key. */
export function containerRange(doc: TextDoc, c: Container): Range {
  if (c.nameNode) return nodeRange(doc, c.nameNode);
  const first = entries(c.node)[0];
  return first ? nodeRange(doc, first.keyNode) : nodeRange(doc, c.node);
}

/** Where a finding about a whole object goes: its name, else its kind. */
export function manifestRange(doc: TextDoc, m: Manifest): Range {
  return nodeRange(doc, m.nameNode ?? m.kindNode);
}

/** A human name for a container in messages: `container "api"`, `init container "migrate"`. */
export function containerLabel(c: Container): string {
  const what = c.kind === 'init' ? 'init container' : 'container';
  return c.name ? `${what} "${c.name}"` : `${what} #${c.index + 1}`;
}

export function workloadLabel(w: Workload): string {
  return `${w.kind}${w.manifest.name ? ` ${w.manifest.name}` : ''}`;
}

/**
 * Whether the workload's pods run to completion: Jobs and CronJobs, and bare Pods with `restartPolicy:
 * Never` or `OnFailure`. Probes and replicas do not apply to them.
 */
export function runsToCompletion(w: Workload): boolean {
  if (w.batch) return true;
  const policy = str(get(w.podSpec, 'restartPolicy')?.value);
  return w.kind === 'Pod' && (policy === 'Never' || policy === 'OnFailure');
}

/** Containers that run for the pod's whole life: app containers and native sidecars. */
export function longRunning(w: Workload): Container[] {
  return w.containers.filter((c) => c.kind === 'container' || c.sidecar);
}

// ---------------------------------------------------------------------------------------------------------
// Security context
// ---------------------------------------------------------------------------------------------------------

export interface EffectiveSecurity {
  /** true when the container cannot run as root: runAsNonRoot true, or a non-zero runAsUser. */
  nonRoot: boolean;
  allowPrivilegeEscalation: boolean | undefined;
  readOnlyRootFilesystem: boolean | undefined;
  privileged: boolean | undefined;
  dropsAll: boolean;
  containerContext: YAMLMap | null;
}

/**
 * The security settings a container runs with: `runAsNonRoot` and `runAsUser` come from the container's
 * securityContext, falling back to the pod's; the others exist only on containers.
 */
export function effectiveSecurity(c: Container): EffectiveSecurity {
  const podCtx = mapAt(c.workload.podSpec, 'securityContext');
  const ctx = mapAt(c.node, 'securityContext');
  const pick = (key: string): Node | null | undefined => get(ctx, key)?.value ?? get(podCtx, key)?.value;
  const runAsNonRoot = bool(pick('runAsNonRoot'));
  const runAsUser = num(pick('runAsUser'));
  const nonRoot =
    runAsUser === 0 ? false : runAsNonRoot === true || (runAsUser !== undefined && runAsUser > 0);
  const drop = items(get(mapAt(ctx, 'capabilities'), 'drop')?.value);
  return {
    nonRoot,
    allowPrivilegeEscalation: bool(get(ctx, 'allowPrivilegeEscalation')?.value),
    readOnlyRootFilesystem: bool(get(ctx, 'readOnlyRootFilesystem')?.value),
    privileged: bool(get(ctx, 'privileged')?.value),
    dropsAll: drop.some((d) => str(d)?.toUpperCase() === 'ALL'),
    containerContext: ctx,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Labels and selectors
// ---------------------------------------------------------------------------------------------------------

/** Whether a label selector (`matchLabels` and `matchExpressions`) selects a set of labels. */
export function selectorMatches(selector: Node | null | undefined, labels: Map<string, string>): boolean {
  const sel = asMap(selector);
  if (!sel) return false;
  for (const e of entries(mapAt(sel, 'matchLabels'))) if (labels.get(e.key) !== str(e.value)) return false;
  for (const req of items(get(sel, 'matchExpressions')?.value)) {
    const key = str(get(req, 'key')?.value);
    const op = str(get(req, 'operator')?.value);
    if (!key || !op) return false;
    const values = items(get(req, 'values')?.value).map((v) => str(v) ?? '');
    const has = labels.has(key);
    const value = labels.get(key) ?? '';
    if (op === 'In' && !(has && values.includes(value))) return false;
    if (op === 'NotIn' && has && values.includes(value)) return false;
    if (op === 'Exists' && !has) return false;
    if (op === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** Whether a plain `key: value` selector (a Service's) selects a set of labels. */
export function mapSelectorMatches(selector: Map<string, string>, labels: Map<string, string>): boolean {
  for (const [k, v] of selector) if (labels.get(k) !== v) return false;
  return true;
}

/** Objects in the same namespace (an unset namespace is the one `kubectl apply` uses for all of them). */
export function sameNamespace(a: Manifest, b: Manifest): boolean {
  return (a.namespace ?? '') === (b.namespace ?? '');
}

// ---------------------------------------------------------------------------------------------------------
// Ports
// ---------------------------------------------------------------------------------------------------------

export interface PortInfo {
  number: number | undefined;
  name: string | undefined;
}

export function containerPorts(c: Container): PortInfo[] {
  return items(get(c.node, 'ports')?.value).map((p) => ({
    number: num(get(p, 'containerPort')?.value),
    name: str(get(p, 'name')?.value),
  }));
}

// ---------------------------------------------------------------------------------------------------------
// Fixes
// ---------------------------------------------------------------------------------------------------------

/**
 * Wraps a fix builder so that it gives no fix, rather than a wrong one, when the document moved since the
 * finding was made: documents are cached between parses and their nodes moved in place, and a fix is only
 * built when an editor asks for it.
 *
 * A document with YAML syntax errors gets no fix. A document written in flow style (JSON, or
 * `{apiVersion: v1, …}`) gets none either unless the builder only
 * replaces scalars with text of the same quoting (`flowSafe`): block lines inserted into a flow mapping
 * would break it, and a .json file must stay JSON.
 */
export function stable<T extends FixSpec | readonly FixSpec[] | undefined>(
  d: KDocument,
  build: () => T,
  flowSafe = false,
): (() => T | undefined) | undefined {
  if (!flowSafe && isFlowDocument(d)) return undefined;
  // Where YAML could not read the document, the nodes a fix edits around may not be where the text is.
  if (d.problems.some((p) => p.severity === 'error')) return undefined;
  const start = d.start;
  return () => (d.start === start ? build() : undefined);
}

/** Whether the document's top node is a flow collection (JSON is one). */
export function isFlowDocument(d: KDocument): boolean {
  const top = d.contents as { flow?: boolean } | null;
  return top?.flow === true;
}

/** The alias ids of a finding that the object's annotations do not skip. */
export function notSkipped(m: Manifest, aliases: readonly string[]): string[] {
  return aliases.filter((a) => !m.skips.has(a));
}

/** True when an annotation of the object skips one of these aliases. */
export function skipped(m: Manifest, aliases: readonly string[]): boolean {
  return aliases.some((a) => m.skips.has(a));
}

export { deref, entries, get, isMap, isScalar, isSeq, items, str };
export type { Entry, Node, Scalar, YAMLMap };
