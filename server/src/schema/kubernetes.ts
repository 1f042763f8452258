import { pushAll } from '../core/arrays';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import {
  DEFAULT_KUBERNETES_VERSION,
  findApiMove,
  formatVersion,
  parseVersion,
  versionAtLeast,
  type Version,
} from '../languages/kubernetes/apis';
import { isPatchDirective } from '../languages/kubernetes/kustomize';
import type { Manifest } from '../languages/kubernetes/model';
import { isQuantity, quantitySuggestions } from '../languages/kubernetes/quantity';
import { yaml11Bool } from '../languages/kubernetes/query';
import {
  deref,
  entries,
  get,
  isMap,
  isScalar,
  isSeq,
  nodeAtPath,
  pointerSegments,
  str,
  type Node,
} from '../languages/yaml/model';

/**
 * Kubernetes object schemas (strict: unknown fields are errors), from the Kubernetes OpenAPI spec via
 * the kubernetes-json-schema project; see schemas/README.md. One version is bundled. Validators are
 * compiled per kind on first use: compiling all 638 definitions would cost a second at start-up, while a
 * Deployment's validator takes a few tens of milliseconds and is then reused for every Deployment.
 */
interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  enum?: unknown[];
  $ref?: string;
  'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[];
  [k: string]: unknown;
}

interface SchemaFile {
  definitions: Record<string, SchemaNode>;
}

export const BUNDLED_VERSIONS: readonly string[] = ['1.32.2'];

export interface VersionChoice {
  /** The bundled version used. */
  version: string;
  /** The version configuration asked for, when it differs from the one used. */
  unavailable: string | null;
  /**
   * The minor version asked for when it is newer than every bundled one: fields and kinds the bundled
   * schemas do not know may exist there, so they are not errors.
   */
  newer: Version | null;
}

/**
 * Chooses among the bundled versions: an exact match, else one with the same minor version, else the
 * default (and `unavailable` names what was asked for so the user can be told).
 */
export function chooseVersion(requested: string | null): VersionChoice {
  if (!requested) return { version: DEFAULT_KUBERNETES_VERSION, unavailable: null, newer: null };
  const want = requested.trim().replace(/^v/, '');
  const exact = BUNDLED_VERSIONS.find((v) => v === want);
  if (exact) return { version: exact, unavailable: null, newer: null };
  const asked = parseVersion(want);
  // Patch releases add no fields: 1.32 and 1.32.5 are checked against 1.32.2.
  const minor = BUNDLED_VERSIONS.find((v) => {
    const b = parseVersion(v);
    return asked && b && asked[0] === b[0] && asked[1] === b[1];
  });
  if (minor) return { version: minor, unavailable: null, newer: null };
  const latest = parseVersion(DEFAULT_KUBERNETES_VERSION) as Version;
  const newer = asked && versionAtLeast(asked, latest) ? asked : null;
  return { version: DEFAULT_KUBERNETES_VERSION, unavailable: requested, newer };
}

/**
 * Fields Kubernetes added after the bundled 1.32 schemas, with the release that added them (from the
 * feature-gate pages of the Kubernetes reference and the API types: ContainerStopSignals and
 * HPAConfigurableTolerance, DeploymentReplicaSetTerminatingReplicas and PodObservedGenerationTracking in 1.33; ContainerRestartRules,
 * EnvFiles, HostnameOverride and PodCertificateProjection in 1.34). Such a field is rejected by a 1.32 API
 * server but accepted by the release that added it, so it is a warning, not an error.
 */
const LATER_FIELDS: [definition: string, field: string, added: Version][] = [
  ['io.k8s.api.core.v1.Lifecycle', 'stopSignal', [1, 33]],
  ['io.k8s.api.autoscaling.v2.HPAScalingRules', 'tolerance', [1, 33]],
  ['io.k8s.api.apps.v1.DeploymentStatus', 'terminatingReplicas', [1, 33]],
  ['io.k8s.api.apps.v1.ReplicaSetStatus', 'terminatingReplicas', [1, 33]],
  // `kubectl get -o yaml` output of a 1.33+ cluster (PodObservedGenerationTracking).
  ['io.k8s.api.core.v1.PodStatus', 'observedGeneration', [1, 33]],
  ['io.k8s.api.core.v1.PodCondition', 'observedGeneration', [1, 33]],
  ['io.k8s.api.core.v1.Container', 'restartPolicyRules', [1, 34]],
  ['io.k8s.api.core.v1.EnvVarSource', 'fileKeyRef', [1, 34]],
  ['io.k8s.api.core.v1.PodSpec', 'hostnameOverride', [1, 34]],
  ['io.k8s.api.core.v1.VolumeProjection', 'podCertificate', [1, 34]],
];

/** API versions served after 1.32 for kinds the bundled schemas know in other versions only. */
const LATER_APIS: [apiVersion: string, kinds: string[], added: Version][] = [
  ['networking.k8s.io/v1', ['IPAddress', 'ServiceCIDR'], [1, 33]],
  ['resource.k8s.io/v1beta2', ['DeviceClass', 'ResourceClaim', 'ResourceClaimTemplate', 'ResourceSlice'], [1, 33]],
  ['resource.k8s.io/v1', ['DeviceClass', 'ResourceClaim', 'ResourceClaimTemplate', 'ResourceSlice'], [1, 34]],
  ['storage.k8s.io/v1', ['VolumeAttributesClass'], [1, 34]],
]; // prettier-ignore

function laterApi(apiVersion: string, kind: string): Version | undefined {
  return LATER_APIS.find(([v, kinds]) => v === apiVersion && kinds.includes(kind))?.[2];
}

const QUANTITY_DEF = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const QUANTITY_KEYWORD = 'x-shipshape-quantity';

/**
 * Values the API server accepts that the OpenAPI schema only describes in prose. They are added to the
 * schema as enums so that a wrong value is found like any other schema error, at its path.
 */
const ENUMS: [definition: string, property: string, values: string[]][] = [
  ['io.k8s.api.core.v1.Container', 'imagePullPolicy', ['Always', 'IfNotPresent', 'Never']],
  ['io.k8s.api.core.v1.EphemeralContainer', 'imagePullPolicy', ['Always', 'IfNotPresent', 'Never']],
  ['io.k8s.api.core.v1.Container', 'restartPolicy', ['Always']],
  ['io.k8s.api.core.v1.PodSpec', 'restartPolicy', ['Always', 'OnFailure', 'Never']],
  ['io.k8s.api.core.v1.ContainerPort', 'protocol', ['TCP', 'UDP', 'SCTP']],
  ['io.k8s.api.core.v1.ServicePort', 'protocol', ['TCP', 'UDP', 'SCTP']],
  ['io.k8s.api.networking.v1.NetworkPolicyPort', 'protocol', ['TCP', 'UDP', 'SCTP']],
  ['io.k8s.api.core.v1.ServiceSpec', 'type', ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']],
  ['io.k8s.api.core.v1.ServiceSpec', 'externalTrafficPolicy', ['Cluster', 'Local']],
  ['io.k8s.api.core.v1.ServiceSpec', 'internalTrafficPolicy', ['Cluster', 'Local']],
  ['io.k8s.api.core.v1.ServiceSpec', 'sessionAffinity', ['ClientIP', 'None']],
  ['io.k8s.api.networking.v1.HTTPIngressPath', 'pathType', ['Exact', 'Prefix', 'ImplementationSpecific']],
  ['io.k8s.api.apps.v1.DeploymentStrategy', 'type', ['Recreate', 'RollingUpdate']],
  ['io.k8s.api.apps.v1.StatefulSetSpec', 'podManagementPolicy', ['OrderedReady', 'Parallel']],
  ['io.k8s.api.batch.v1.CronJobSpec', 'concurrencyPolicy', ['Allow', 'Forbid', 'Replace']],
  ['io.k8s.api.batch.v1.JobSpec', 'completionMode', ['NonIndexed', 'Indexed']],
  ['io.k8s.api.core.v1.Toleration', 'operator', ['Exists', 'Equal']],
  ['io.k8s.api.core.v1.Toleration', 'effect', ['NoSchedule', 'PreferNoSchedule', 'NoExecute']],
  ['io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement', 'operator', ['In', 'NotIn', 'Exists', 'DoesNotExist']],
  ['io.k8s.api.core.v1.VolumeMount', 'mountPropagation', ['None', 'HostToContainer', 'Bidirectional']],
  ['io.k8s.api.autoscaling.v2.MetricSpec', 'type', ['ContainerResource', 'External', 'Object', 'Pods', 'Resource']],
  ['io.k8s.api.autoscaling.v2.MetricTarget', 'type', ['AverageValue', 'Utilization', 'Value']],
]; // prettier-ignore

interface Loaded {
  ajv: Ajv;
  definitions: Record<string, SchemaNode>;
  /** `group/version/kind` → definition name. */
  byGvk: Map<string, string>;
  /** group → kind → versions, for objects (not meta types such as DeleteOptions). */
  kinds: Map<string, Map<string, string[]>>;
  validators: Map<string, ValidateFunction>;
  /** The definition name of each schema object, to place an unknown field's parent. */
  names: Map<unknown, string>;
}

let loaded: Loaded | undefined;

function load(): Loaded {
  if (loaded) return loaded;
  // Loaded with require so that TypeScript does not infer a type for 1.2 MB of JSON (that doubles
  // type-checking time); esbuild embeds it all the same, with descriptions stripped (scripts/build.mjs).
  /* eslint-disable @typescript-eslint/no-require-imports */
  const file =
    require('../../../schemas/kubernetes-v1.32.2-standalone-strict-definitions.json') as SchemaFile;
  /* eslint-enable @typescript-eslint/no-require-imports */
  // A copy of the definitions this module changes, so the shared JSON module stays as shipped.
  const definitions: Record<string, SchemaNode> = { ...file.definitions };
  const quantity = definitions[QUANTITY_DEF];
  if (quantity) definitions[QUANTITY_DEF] = { ...quantity, [QUANTITY_KEYWORD]: true };
  for (const [name, prop, values] of ENUMS) {
    const def = definitions[name];
    const p = def?.properties?.[prop];
    if (!def || !p) continue;
    definitions[name] = { ...def, properties: { ...def.properties, [prop]: { ...p, enum: values } } };
  }
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    verbose: true,
    validateFormats: false,
    // Definitions referenced from many kinds (PodSpec, ObjectMeta) are compiled once and shared.
    inlineRefs: false,
  });
  ajv.addKeyword({
    keyword: QUANTITY_KEYWORD,
    schemaType: 'boolean',
    errors: true,
    validate: function quantity(_schema: boolean, data: unknown) {
      return typeof data !== 'string' && typeof data !== 'number' ? true : isQuantity(data);
    },
  });
  ajv.addSchema({ definitions }, 'k8s');
  const byGvk = new Map<string, string>();
  const kinds = new Map<string, Map<string, string[]>>();
  for (const [name, def] of Object.entries(definitions)) {
    for (const g of def['x-kubernetes-group-version-kind'] ?? []) {
      byGvk.set(`${g.group}/${g.version}/${g.kind}`, name);
      if (name.startsWith('io.k8s.apimachinery.') || g.kind.endsWith('List')) continue;
      let byKind = kinds.get(g.group);
      if (!byKind) kinds.set(g.group, (byKind = new Map()));
      const versions = byKind.get(g.kind) ?? [];
      versions.push(g.version);
      byKind.set(g.kind, versions);
    }
  }
  const names = new Map<unknown, string>();
  for (const [name, def] of Object.entries(definitions)) names.set(def, name);
  loaded = { ajv, definitions, byGvk, kinds, validators: new Map(), names };
  return loaded;
}

export type KindLookup =
  | { kind: 'known'; definition: string }
  /** A built-in group that has no such kind; `suggestions` are kinds of the group or other places. */
  | { kind: 'unknownKind'; suggestions: string[]; elsewhere: string[] }
  /** The kind exists in the group, but not in this version. */
  | { kind: 'unknownVersion'; versions: string[] }
  /** Not a built-in API group (a custom resource): nothing to check. */
  | { kind: 'custom' };

/** Where a group/version/kind stands in the bundled schema. */
export function lookupKind(_version: string, group: string, apiVersion: string, kind: string): KindLookup {
  const l = load();
  const ver = apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
  const def = l.byGvk.get(`${group}/${ver}/${kind}`);
  if (def) return { kind: 'known', definition: def };
  const byKind = l.kinds.get(group);
  if (!byKind) return { kind: 'custom' };
  const versions = byKind.get(kind);
  if (versions) return { kind: 'unknownVersion', versions: [...versions].sort() };
  const elsewhere: string[] = [];
  for (const [g, m] of l.kinds) {
    const vs = m.get(kind);
    if (vs) elsewhere.push(`${g ? g + '/' : ''}${preferredVersion(vs)}`);
  }
  return { kind: 'unknownKind', suggestions: [...byKind.keys()], elsewhere };
}

/** The version Kubernetes prefers: the highest stable one, else the highest beta, else alpha. */
function preferredVersion(versions: string[]): string {
  const rank = (v: string): number => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return -1;
    const level = m[2] === 'alpha' ? 0 : m[2] === 'beta' ? 1 : 2;
    return level * 1e6 + Number(m[1]) * 1e3 + Number(m[3] ?? 0);
  };
  return [...versions].sort((a, b) => rank(b) - rank(a))[0] ?? 'v1';
}

/** The validator of a definition, compiled on first use. */
export function validatorFor(definition: string): ValidateFunction {
  const l = load();
  let v = l.validators.get(definition);
  if (!v) {
    v = l.ajv.getSchema(`k8s#/definitions/${definition}`);
    if (!v) throw new Error(`no schema for ${definition}`);
    l.validators.set(definition, v);
  }
  return v;
}

export type SchemaError = ErrorObject;

/** The property names a schema allows, for "did you mean". */
export function allowedProperties(schema: unknown): string[] {
  const s = resolveRef(schema as SchemaNode | undefined);
  return Object.keys(s?.properties ?? {});
}

function resolveRef(s: SchemaNode | undefined): SchemaNode | undefined {
  let cur = s;
  for (let i = 0; i < 5 && cur?.$ref; i++) {
    const name = cur.$ref.replace(/^.*#\/definitions\//, '');
    cur = load().definitions[name];
  }
  return cur;
}

// ---------------------------------------------------------------------------------------------------------
// Validating a manifest
// ---------------------------------------------------------------------------------------------------------

/** A schema problem placed on a node, with the message id and data of the `kubernetes/schema` rule. */
export interface SchemaIssue {
  messageId: string;
  data: Record<string, string | number>;
  /** The node the finding goes on. */
  node: Node;
  /** Lower than the rule's error, for what a newer Kubernetes accepts. */
  severity?: 'warning';
  /** Replacements that fix it, best first. */
  /** `keepQuotes`: write the text with the quotes the value had, for a corrected value of the same type. */
  fixes: { title: string; kind: 'safe' | 'unsafe'; node: Node; text: string; keepQuotes?: boolean }[];
}

const cache = new WeakMap<Manifest, { key: string; partial: boolean; issues: SchemaIssue[] }>();

/**
 * The schema issues of a manifest for a bundled version, computed once per manifest object: manifests
 * are cached with their document's text, so an edit re-validates only the document it touched.
 */
export function validateManifest(m: Manifest, version: string, newer: Version | null = null): SchemaIssue[] {
  const key = newer ? `${version}>${formatVersion(newer)}` : version;
  const hit = cache.get(m);
  if (hit && hit.key === key && hit.partial === m.partial) return hit.issues;
  let issues: SchemaIssue[];
  try {
    issues = computeIssues(m, version, newer);
  } catch {
    // A document too large or too recursive to convert (an alias bomb) is not validated.
    issues = [];
  }
  cache.set(m, { key, partial: m.partial, issues });
  return issues;
}

const MAX_NODES = 200_000;

/**
 * The JSON the API server receives for a node: null values dropped (the server treats them as unset),
 * merge keys and aliases followed, and plain YAML 1.1 booleans (`yes`, `on`) read as booleans, as the
 * YAML reader of kubectl does.
 */
function toData(node: Node | null, budget: { left: number }): unknown {
  const n = deref(node);
  if (!n) return null;
  if (--budget.left < 0) throw new Error('document too large');
  if (isMap(n)) {
    const out: Record<string, unknown> = {};
    for (const e of entries(n)) {
      const v = toData(e.value, budget);
      if (v !== null && v !== undefined) out[e.key] = v;
    }
    return out;
  }
  if (isSeq(n)) return n.items.map((i) => toData(i as Node, budget));
  if (isScalar(n)) {
    if (typeof n.value === 'string' && n.type === 'PLAIN') {
      const b = yaml11Bool(n.value);
      if (b !== undefined) return b;
    }
    return n.value ?? null;
  }
  return null;
}

function computeIssues(m: Manifest, version: string, newer: Version | null): SchemaIssue[] {
  if (findApiMove(m.apiVersion, m.kind)) return [];
  const found = lookupKind(version, m.group, m.apiVersion, m.kind);
  if (found.kind === 'custom') return [];
  if (found.kind !== 'known') {
    const added = laterApi(m.apiVersion, m.kind);
    if (added) {
      if (newer && versionAtLeast(newer, added)) return [];
      return [
        {
          messageId: 'newerApi',
          data: { kind: m.kind, apiVersion: m.apiVersion, added: formatVersion(added), version },
          node: m.apiVersionNode,
          severity: 'warning',
          fixes: [],
        },
      ];
    }
    // A newer Kubernetes may serve kinds and versions the bundled schemas do not know.
    const issues = unknownKindIssues(m, version, found);
    return newer ? issues.map((i) => ({ ...i, severity: 'warning' as const })) : issues;
  }
  return validateKnown(m, found.definition, version, newer);
}

/** The issue of a kind or apiVersion the bundled schemas do not know. */
function unknownKindIssues(
  m: Manifest,
  version: string,
  found: Exclude<KindLookup, { kind: 'known' } | { kind: 'custom' }>,
): SchemaIssue[] {
  if (found.kind === 'unknownVersion') {
    const to = `${m.group ? m.group + '/' : ''}${preferredVersion(found.versions)}`;
    return [
      {
        messageId: 'unknownVersion',
        data: {
          kind: m.kind,
          apiVersion: m.apiVersion,
          version,
          versions: found.versions.map((v) => `${m.group ? m.group + '/' : ''}${v}`).join(', '),
        },
        node: m.apiVersionNode,
        fixes: [
          {
            title: `Change apiVersion to ${to}`,
            kind: 'safe',
            node: m.apiVersionNode,
            text: to,
            keepQuotes: true,
          },
        ],
      },
    ];
  }
  {
    if (found.elsewhere.length > 0) {
      const to = found.elsewhere[0] as string;
      return [
        {
          messageId: 'kindElsewhere',
          data: { kind: m.kind, apiVersion: m.apiVersion, to: found.elsewhere.join(' or ') },
          node: m.apiVersionNode,
          fixes: [
            {
              title: `Change apiVersion to ${to}`,
              kind: 'safe',
              node: m.apiVersionNode,
              text: to,
              keepQuotes: true,
            },
          ],
        },
      ];
    }
    // The core group holds files that are not API objects (a kubeconfig's `kind: Config`, `kind: List`).
    if (m.group === '') return [];
    const guess = didYouMean(m.kind, found.suggestions);
    return [
      {
        messageId: 'unknownKind',
        data: { kind: m.kind, apiVersion: m.apiVersion, hint: guess ? ` Did you mean "${guess}"?` : '' },
        node: m.kindNode,
        fixes: guess ? [renameFix(m.kind, guess, m.kindNode)] : [],
      },
    ];
  }
}

function validateKnown(
  m: Manifest,
  definition: string,
  version: string,
  newer: Version | null,
): SchemaIssue[] {
  const data = toData(m.root, { left: MAX_NODES });
  const validate = validatorFor(definition);
  validate(data);
  const issues: SchemaIssue[] = [];
  const errors = dedupe(validate.errors ?? []);
  const suggestedKeys = new Set<string>();
  for (const e of errors) {
    if (e.keyword !== 'additionalProperties') continue;
    // Strategic-merge directives are read by kustomize and the API server's patch logic, not stored.
    if (isPatchDirective(String((e.params as { additionalProperty?: string }).additionalProperty))) continue;
    const issue = unknownField(m, e, version, newer);
    if (issue === 'accepted') continue;
    if (issue) {
      issues.push(issue);
      if (issue.data.suggestion) suggestedKeys.add(`${e.instancePath}/${issue.data.suggestion}`);
    }
  }
  for (const e of errors) {
    if (e.keyword === 'additionalProperties') continue;
    if (e.keyword === 'required') {
      // A patch holds only what it changes: the rest comes from the object it patches.
      if (m.partial) continue;
      const field = String((e.params as { missingProperty?: string }).missingProperty);
      // "Did you mean containers" on the misspelt key already says the field is missing.
      if (suggestedKeys.has(`${e.instancePath}/${field}`)) continue;
    }
    const issue = otherError(m, e, errors);
    if (issue) issues.push(issue);
  }
  pushAll(issues, contextChecks(m));
  return issues;
}

function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  const out: ErrorObject[] = [];
  for (const e of errors) {
    const key = `${e.keyword}|${e.instancePath}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}

/**
 * An unknown field: an error, unless a later Kubernetes added it (a warning naming the release, or nothing
 * when configuration targets that release) or configuration targets a release newer than the bundled
 * schemas (a warning: the field may be new).
 */
function unknownField(
  m: Manifest,
  e: ErrorObject,
  version: string,
  newer: Version | null,
): SchemaIssue | 'accepted' | null {
  const field = String((e.params as { additionalProperty?: string }).additionalProperty);
  const segs = pointerSegments(e.instancePath);
  const hit = nodeAtPath(m.root, [...segs, field]);
  const node = hit.keyNode ?? hit.deepest;
  if (!node) return null;
  const parent = load().names.get(e.parentSchema);
  const added = LATER_FIELDS.find(([d, f]) => d === parent && f === field)?.[2];
  if (added) {
    if (newer && versionAtLeast(newer, added)) return 'accepted';
    return {
      messageId: 'newerField',
      data: { field, where: describe(m, segs), added: formatVersion(added), version },
      node,
      severity: 'warning',
      fixes: [],
    };
  }
  const allowed = allowedProperties(e.parentSchema);
  const guess = didYouMean(field, allowed);
  return {
    messageId: newer ? 'unknownFieldNewer' : 'unknownField',
    data: {
      field,
      where: describe(m, segs),
      hint: guess ? ` Did you mean "${guess}"?` : '',
      suggestion: guess ?? '',
      version,
      requested: newer ? formatVersion(newer) : '',
    },
    node,
    severity: newer ? 'warning' : undefined,
    fixes: guess && hit.keyNode ? [renameFix(field, guess, hit.keyNode)] : [],
  };
}

function renameFix(from: string, to: string, node: Node): SchemaIssue['fixes'][number] {
  const caseOnly = from.toLowerCase() === to.toLowerCase();
  return {
    title: caseOnly
      ? `Rename "${from}" to "${to}"`
      : `Rename "${from}" to "${to}" (changes behaviour: a guess)`,
    kind: caseOnly ? 'safe' : 'unsafe',
    node,
    text: to,
    keepQuotes: true,
  };
}

const TYPE_NAMES: Record<string, string> = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
};

function actualName(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  if (typeof v === 'boolean') return `the boolean ${v}`;
  return `the number ${String(v)}`;
}

function otherError(m: Manifest, e: ErrorObject, all: ErrorObject[]): SchemaIssue | null {
  const segs = pointerSegments(e.instancePath);
  const hit = nodeAtPath(m.root, segs);
  const path = formatPath(segs);
  switch (e.keyword) {
    case 'required': {
      const field = String((e.params as { missingProperty?: string }).missingProperty);
      const node = anchorOf(m, segs, hit);
      return { messageId: 'missingField', data: { field, where: describe(m, segs) }, node, fixes: [] };
    }
    case 'type': {
      // The branches of a oneOf (int-or-string, quantities) are reported once, by the oneOf error.
      if (
        e.schemaPath.includes('/oneOf/') &&
        all.some((x) => x.keyword === 'oneOf' && x.instancePath === e.instancePath)
      )
        return null;
      const expected = String((e.params as { type?: string }).type);
      const node = hit.node ?? hit.deepest;
      if (!node) return null;
      return {
        messageId: 'wrongType',
        data: { path, expected: TYPE_NAMES[expected] ?? expected, actual: actualName(e.data) },
        node,
        fixes: typeFixes(node, expected, e.data),
      };
    }
    case 'oneOf': {
      const node = hit.node ?? hit.deepest;
      if (!node) return null;
      const branches = ((e.schema as SchemaNode[] | undefined) ?? []).map((b) => String(b.type));
      const expected = branches.map((t) => TYPE_NAMES[t] ?? t).join(' or ');
      return {
        messageId: 'wrongType',
        data: { path, expected, actual: actualName(e.data) },
        node,
        fixes: typeFixes(node, branches.includes('integer') ? 'integer' : 'number', e.data),
      };
    }
    case 'enum': {
      const node = hit.node ?? hit.deepest;
      if (!node) return null;
      const allowed = ((e.params as { allowedValues?: unknown[] }).allowedValues ?? []).map(String);
      const value = String(e.data);
      const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
      return {
        messageId: 'badEnum',
        data: { path, allowed: allowed.join(', '), value },
        node,
        fixes: match
          ? [{ title: `Change to ${match}`, kind: 'safe', node, text: match, keepQuotes: true }]
          : [],
      };
    }
    case QUANTITY_KEYWORD: {
      const node = hit.node ?? hit.deepest;
      if (!node) return null;
      const value = String(e.data);
      const s = quantitySuggestions(value);
      const fixes: SchemaIssue['fixes'] = [];
      if (s) {
        fixes.push({ title: `Write ${s.exact}`, kind: 'safe', node, text: s.exact, keepQuotes: true });
        if (s.other)
          fixes.push({
            title: `Write ${s.other} (changes behaviour: binary units, a slightly larger amount)`,
            kind: 'unsafe',
            node,
            text: s.other,
            keepQuotes: true,
          });
      }
      return { messageId: 'badQuantity', data: { path, value }, node, fixes };
    }
    default:
      return null;
  }
}

/** Quotes that turn a value into the type the schema wants, when the text already reads as it. */
function typeFixes(node: Node, expected: string, actual: unknown): SchemaIssue['fixes'] {
  const n = deref(node);
  if (!isScalar(n)) return [];
  const source = typeof n.source === 'string' ? n.source : String(n.value);
  if ((expected === 'integer' || expected === 'number') && typeof actual === 'string') {
    const ok = expected === 'integer' ? /^-?\d+$/.test(actual) : /^-?\d+(\.\d+)?$/.test(actual);
    return ok && n.type !== 'PLAIN'
      ? [{ title: 'Remove the quotes', kind: 'safe', node: n, text: actual }]
      : [];
  }
  if (
    expected === 'boolean' &&
    typeof actual === 'string' &&
    /^(true|false)$/.test(actual) &&
    n.type !== 'PLAIN'
  )
    return [{ title: 'Remove the quotes', kind: 'safe', node: n, text: actual }];
  if (
    expected === 'string' &&
    (typeof actual === 'number' || typeof actual === 'boolean') &&
    n.type === 'PLAIN'
  )
    return [{ title: `Quote ${source}`, kind: 'safe', node: n, text: JSON.stringify(source) }];
  return [];
}

/** Where a finding about an object goes: its key, or the first key of a list item, or the kind. */
function anchorOf(
  m: Manifest,
  segs: (string | number)[],
  hit: { keyNode: Node | null; node: Node | null },
): Node {
  if (hit.keyNode) return hit.keyNode;
  if (segs.length === 0) return m.kindNode;
  const n = deref(hit.node);
  if (isMap(n)) {
    const first = entries(n)[0];
    if (first) return first.keyNode;
  }
  return n ?? m.kindNode;
}

/** `spec.template.spec.containers[0].ports[0]` from pointer segments. */
export function formatPath(segs: readonly (string | number)[]): string {
  let out = '';
  for (const s of segs) out += typeof s === 'number' ? `[${s}]` : out ? `.${s}` : s;
  return out;
}

/** A path for messages, naming the container when the path runs through one. */
function describe(m: Manifest, segs: (string | number)[]): string {
  if (segs.length === 0) return 'the top level';
  let label = '';
  for (let i = segs.length - 1; i > 0; i--) {
    const s = segs[i - 1];
    if ((s === 'containers' || s === 'initContainers') && typeof segs[i] === 'number') {
      const name = str(get(nodeAtPath(m.root, segs.slice(0, i + 1)).node, 'name')?.value);
      if (name) label = ` (${s === 'initContainers' ? 'init container' : 'container'} "${name}")`;
      break;
    }
  }
  return formatPath(segs) + label;
}

/** The closest allowed name: a case-insensitive match, or one within a small edit distance. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const exact = candidates.find((c) => c.toLowerCase() === lower);
  if (exact) return exact;
  let best: string | undefined;
  let bestDistance = Infinity;
  let tie = false;
  for (const c of candidates) {
    const d = distance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) tie = true;
  }
  const limit = Math.min(2, Math.floor(word.length / 3));
  return best !== undefined && bestDistance <= limit && !tie ? best : undefined;
}

/** Optimal string alignment distance (Levenshtein with adjacent transpositions). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      let v = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, ((d[i - 2] as number[])[j - 2] ?? 0) + 1);
      row[j] = v;
    }
  return (d[a.length] as number[])[b.length] ?? 0;
}

/**
 * What the API server checks beyond the schema: a name, `restartPolicy` for the kind of workload, and
 * `restartPolicy` only on init containers.
 */
function contextChecks(m: Manifest): SchemaIssue[] {
  const out: SchemaIssue[] = [];
  const generate = get(m.metadata, 'generateName');
  // A patch may find its target by a kustomization's `target:` instead of a name.
  if (!m.nameNode && !generate && !m.partial) {
    const node = (m.metadata ? get(m.root, 'metadata')?.keyNode : null) ?? m.kindNode;
    out.push({ messageId: 'missingName', data: { kind: m.kind }, node, fixes: [] });
  }
  const w = m.workload;
  if (!w || !w.podSpec) return out;
  const policy = get(w.podSpec, 'restartPolicy');
  const value = str(policy?.value);
  if (w.batch) {
    if (!policy) {
      const key = get(w.template, 'spec')?.keyNode;
      // A patch leaves the policy it does not change to the object it patches.
      if (key && !m.partial)
        out.push({
          messageId: 'jobRestartPolicy',
          data: { kind: w.kind },
          node: key,
          fixes: [],
        });
    } else if (value === 'Always')
      out.push({
        messageId: 'jobRestartPolicy',
        data: { kind: w.kind },
        node: policy.value ?? policy.keyNode,
        fixes: [],
      });
  } else if (
    w.kind !== 'Pod' &&
    policy &&
    value &&
    value !== 'Always' &&
    ['OnFailure', 'Never'].includes(value)
  )
    out.push({
      messageId: 'podRestartPolicy',
      data: { kind: w.kind, value },
      node: policy.value ?? policy.keyNode,
      fixes: [],
    });
  for (const c of w.containers) {
    const rp = get(c.node, 'restartPolicy');
    if (rp && c.kind === 'container')
      out.push({ messageId: 'containerRestartPolicy', data: {}, node: rp.keyNode, fixes: [] });
  }
  return out;
}
